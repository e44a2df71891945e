using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Names;

namespace Stencil.Engine.Tests.Properties;

/// <summary>Property (b): renaming callees or the function itself changes only parameters: the key stays,
/// and the finalized relocations name the new symbols.</summary>
[TestClass]
public sealed class RenamePropertyTests
{
    [TestMethod]
    public void RenamingSymbols_KeepsTheKey_AndRelocationsNameTheNewSymbols()
    {
        var ctx = new Context(PropertyCorpus.Isa);
        int withCalls = 0;
        foreach (var f in PropertyCorpus.Functions())
        {
            var copy = PropertyCorpus.Copy(f);
            var newNames = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < copy.Params.UserNamedFuncs.Count; i++)
            {
                var renamed = $"renamed_{i}_{copy.Params.UserNamedFuncs[i].Symbol}";
                copy.Params.ResetUserFuncName(new UserExternalNameRef((uint)i), UserExternalName.FromSymbol(renamed));
                newNames.Add(renamed);
            }
            copy.Name = UserFuncName.FromUser(UserExternalName.FromSymbol("moved_" + f.Name.SymbolName));
            Assert.AreEqual(PropertyCorpus.Key(f), PropertyCorpus.Key(copy), PropertyCorpus.Describe(f));

            var final = Finalizer.Finalize(ctx.Compile(f.Stencil), copy.Params);
            Assert.AreEqual("moved_" + f.Name.SymbolName, final.SymbolName);
            var userTargets = final.Relocs.Where(r => r.Target.Kind == ExternalNameKind.User).Select(r => r.Target.SymbolName).ToHashSet();
            // Every generated callee is called, and calls are never dead, so each renamed symbol is relocated against.
            CollectionAssert.AreEquivalent(newNames.ToArray(), userTargets.ToArray(), PropertyCorpus.Describe(f));
            if (newNames.Count > 0) withCalls++;
        }
        Assert.IsGreaterThan(PropertyCorpus.Count / 10, withCalls, "too few generated functions call another");
    }

    /// <summary>Through the module compiler: a renamed module is all cache hits.</summary>
    [TestMethod]
    public void RenamedModule_IsAllCacheHits()
    {
        var store = new MemoryCacheStore();
        var module = PropertyCorpus.Modules().First();
        var cold = new ParallelModuleCompiler(PropertyCorpus.Isa, store).Compile(module.Select(f => new ModuleFunction(f)).ToArray());
        var renamed = module.Select(f =>
        {
            var c = PropertyCorpus.Copy(f);
            c.Name = UserFuncName.FromUser(UserExternalName.FromSymbol("x_" + f.Name.SymbolName));
            for (int i = 0; i < c.Params.UserNamedFuncs.Count; i++)
                c.Params.ResetUserFuncName(new UserExternalNameRef((uint)i), UserExternalName.FromSymbol("x_" + c.Params.UserNamedFuncs[i].Symbol));
            return new ModuleFunction(c);
        }).ToArray();
        var warm = new ParallelModuleCompiler(PropertyCorpus.Isa, store).Compile(renamed);
        Assert.AreEqual(0, warm.Stats.Compiled);
        Assert.AreEqual(cold.Stats.Compiled, warm.Stats.Cached);
    }
}
