using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Verification;

namespace Stencil.Engine.Tests.Properties;

/// <summary>Property (a): code that went through the cache finalizes to exactly what a fresh compile does.</summary>
[TestClass]
public sealed class CacheRoundTripPropertyTests
{
    [TestMethod]
    public void EncodeStoreReloadDecodeFinalize_EqualsFreshCompile()
    {
        var store = new MemoryCacheStore();
        var first = new Context(PropertyCorpus.Isa);
        var second = new Context(PropertyCorpus.Isa);
        int n = 0;
        foreach (var f in PropertyCorpus.Functions())
        {
            var key = PropertyCorpus.Key(f);
            store.Insert(key, CompiledCodeCodec.Encode(first.Compile(f.Stencil)), new CacheEntryInfo(f.Name.SymbolName, PropertyCorpus.KeyContext.Triple));
            Assert.IsTrue(store.TryGet(key, f.Name.SymbolName, out var bytes));
            Assert.IsTrue(CompiledCodeCodec.TryDecode(bytes, out var decoded), f.Name.SymbolName);
            var fresh = Finalizer.Finalize(second.Compile(f.Stencil), f.Params);
            CompiledCodeAssert.Same(fresh, Finalizer.Finalize(decoded!, f.Params), PropertyCorpus.Describe(f));
            n++;
        }
        Assert.AreEqual(PropertyCorpus.Count, n);
        Assert.AreEqual(n, store.Inserts);
    }

    /// <summary>The whole module path: a second compile through the same store hits for every function and gives the same code.</summary>
    [TestMethod]
    public void SecondModuleCompile_HitsEverythingWithIdenticalCode()
    {
        int functions = 0;
        foreach (var module in PropertyCorpus.Modules(salt: 1))
        {
            var store = new MemoryCacheStore();
            var input = module.Select(f => new ModuleFunction(f)).ToArray();
            var cold = new ParallelModuleCompiler(PropertyCorpus.Isa, store).Compile(input);
            Assert.IsEmpty(cold.Diagnostics);
            var warm = new ParallelModuleCompiler(PropertyCorpus.Isa, store).Compile(input);
            Assert.IsEmpty(warm.Diagnostics);
            Assert.AreEqual(0, warm.Stats.Compiled);
            Assert.AreEqual(cold.Stats.Compiled, warm.Stats.Cached);
            for (int i = 0; i < module.Count; i++)
                CompiledCodeAssert.Same(Finalizer.Finalize(cold.Code[i]!, module[i].Params), Finalizer.Finalize(warm.Code[i]!, module[i].Params), module[i].Name.SymbolName);
            functions += module.Count;
        }
        Assert.AreEqual(PropertyCorpus.Count, functions);
    }

    /// <summary>Every generated function verifies and compiles with the x64 backend (the generator's own contract).</summary>
    [TestMethod]
    public void GeneratedFunctionsVerifyAndCompile()
    {
        var ctx = new Context(PropertyCorpus.Isa);
        int n = 0;
        foreach (var f in PropertyCorpus.Functions(salt: 2).Concat(PropertyCorpus.Functions(salt: 3)))
        {
            Assert.IsEmpty(Verifier.Verify(f), PropertyCorpus.Describe(f));
            var code = ctx.Compile(f.Stencil);
            Assert.IsNotEmpty(code.Code);
            n++;
        }
        Assert.AreEqual(2 * PropertyCorpus.Count, n);
    }
}
