using Stencil.Engine.Caching;
using Stencil.Engine.Wasm;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Wasm;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Tests.Wasm;

/// <summary>
/// Each wasm function is one stencil: translating twice gives the same IR, keys and object bytes; editing one constant
/// in one function's body changes that function's key alone, so a rebuild through the cache compiles one function.
/// </summary>
[TestClass]
public sealed class WasmCacheKeyTests
{
    private static string Module(int constant) => $$"""
        (module
          (memory 1)
          (global $g (mut i32) (i32.const 0))
          (func $a (export "a") (param i32) (result i32) local.get 0 i32.const {{constant}} i32.add)
          (func $b (export "b") (param i32) (result i32) local.get 0 call $a i32.load global.get $g i32.add)
          (func $c (export "c") (param i64 i64) (result i64) local.get 0 local.get 1 i64.div_s)
          (func $d (export "d") (param f64) (result i32) local.get 0 i32.trunc_f64_u)
          (func $e (export "e") (param i32) (result i32) local.get 0 i32.const 1000 i32.add)
        )
        """;

    [TestMethod]
    public void TranslatingTwiceGivesTheSameIrKeysAndObject()
    {
        var bytes = Stencil.Testing.Wat.Assemble(Module(5));
        var first = ModuleTranslator.Translate(WasmLoader.Load(bytes, "m.wasm"), "m");
        var second = ModuleTranslator.Translate(WasmLoader.Load(bytes, "m.wasm"), "m");
        CollectionAssert.AreEqual(first.Functions.Select(f => ClifWriter.Write(f.Function)).ToList(), second.Functions.Select(f => ClifWriter.Write(f.Function)).ToList());

        var a = WasmCompiler.Compile(bytes, "m.wasm", "m", new WasmCompileOptions());
        var b = WasmCompiler.Compile(bytes, "m.wasm", "m", new WasmCompileOptions { MaxDegreeOfParallelism = 1 });
        CollectionAssert.AreEqual(a.Keys.ToList(), b.Keys.ToList());
        var diagnostics = new List<Diagnostic>();
        CollectionAssert.AreEqual(WasmCompiler.CompileObject(a, diagnostics), WasmCompiler.CompileObject(b, diagnostics));
        Assert.IsEmpty(diagnostics);
    }

    [TestMethod]
    [DataRow(6)]
    [DataRow(5000)]
    public void EditingOneConstantChangesOneFunctionsKey(int edited)
    {
        var cache = new MemoryCacheStore();
        var before = WasmCompiler.Compile(Stencil.Testing.Wat.Assemble(Module(5)), "m.wasm", "m", new WasmCompileOptions { Cache = cache });
        var after = WasmCompiler.Compile(Stencil.Testing.Wat.Assemble(Module(edited)), "m.wasm", "m", new WasmCompileOptions { Cache = cache });
        Assert.IsTrue(before.Succeeded && after.Succeeded);
        var changed = Enumerable.Range(0, before.Keys.Count).Where(i => before.Keys[i] != after.Keys[i]).ToList();
        Assert.HasCount(1, changed, "exactly one function's stencil changes");
        Assert.AreEqual(before.Module.Symbols.Function(0), after.Module.Functions[changed[0]].Symbol);
        Assert.AreEqual(1, after.Stats.Compiled, "the rebuild compiles the edited function only");
        Assert.AreEqual(after.Stats.Functions - after.Stats.Deduplicated - 1, after.Stats.Cached);
    }
}
