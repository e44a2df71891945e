using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Wasm;
using Stencil.Ir.Diagnostics;
using Stencil.Testing;

namespace Stencil.Engine.Tests.Wasm;

/// <summary>
/// Rebuilding an edited module through the cache translates and compiles the edited function alone (its others' keys
/// come from the manifest by translation digest), a module-level change translates everything again, an edit that
/// makes a body invalid is still reported, and every rebuild's object is byte for byte a fresh compile's.
/// </summary>
[TestClass]
public sealed class WasmIncrementalTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string Module(int constant, int globalInit = 0, string extraFunction = "") => $$"""
        (module
          (memory 1)
          (global $g (mut i32) (i32.const {{globalInit}}))
          (func $a (export "a") (param i32) (result i32) local.get 0 i32.const {{constant}} i32.add)
          (func $b (export "b") (param i32) (result i32) local.get 0 call $a i32.load global.get $g i32.add)
          (func $c (export "c") (param i64 i64) (result i64) local.get 0 local.get 1 i64.div_s)
          (func $d (export "d") (param f64) (result i32) local.get 0 i32.trunc_f64_u)
          {{extraFunction}}
        )
        """;

    private static WasmCompilation Compile(byte[] bytes, ICacheStore? cache, int threads = 0)
    {
        var c = WasmCompiler.Compile(bytes, "m.wasm", "m", new WasmCompileOptions { Cache = cache, MaxDegreeOfParallelism = threads });
        Assert.IsTrue(c.Succeeded, string.Join("\n", c.Diagnostics));
        return c;
    }

    private static byte[] ObjectOf(WasmCompilation c)
    {
        var diagnostics = new List<Diagnostic>();
        var bytes = WasmCompiler.CompileObject(c, diagnostics);
        Assert.IsNotNull(bytes, string.Join("\n", diagnostics));
        return bytes;
    }

    [TestMethod]
    public void AnEditedFunctionIsTheOnlyOneTranslatedAndCompiled()
    {
        var cache = new MemoryCacheStore();
        var cold = Compile(Wat.Assemble(Module(5)), cache);
        Assert.AreEqual(cold.Module.Functions.Count, cold.Translated);

        var unchanged = Compile(Wat.Assemble(Module(5)), cache, threads: 1);
        Assert.AreEqual((0, 0), (unchanged.Translated, unchanged.Stats.Compiled), "an unchanged module needs no translation");
        CollectionAssert.AreEqual(ObjectOf(cold), ObjectOf(unchanged));

        var editedBytes = Wat.Assemble(Module(5000));
        var edited = Compile(editedBytes, cache);
        Assert.AreEqual((1, 1), (edited.Translated, edited.Stats.Compiled), "one edited function: one translated, one compiled");
        CollectionAssert.AreEqual(ObjectOf(Compile(editedBytes, null, threads: 1)), ObjectOf(edited), "the rebuild's object is a fresh compile's");

        // Reverting the edit finds the first version remembered.
        var reverted = Compile(Wat.Assemble(Module(5)), cache);
        Assert.AreEqual((0, 0), (reverted.Translated, reverted.Stats.Compiled));
    }

    [TestMethod]
    public void AModuleLevelChangeTranslatesEverything()
    {
        var cache = new MemoryCacheStore();
        Compile(Wat.Assemble(Module(5)), cache);
        var global = Compile(Wat.Assemble(Module(5, globalInit: 7)), cache);
        Assert.AreEqual(global.Module.Functions.Count, global.Translated, "a global's initializer is outside the code section: all translated again");

        var added = Wat.Assemble(Module(5, extraFunction: "(func $e (export \"e\") (param i32) (result i32) local.get 0 i32.const 1000 i32.add)"));
        var grown = Compile(added, cache);
        Assert.AreEqual(grown.Module.Functions.Count, grown.Translated, "a new function changes the function section: all translated again");
        CollectionAssert.AreEqual(ObjectOf(Compile(added, null)), ObjectOf(grown));
    }

    [TestMethod]
    public void AnEditThatMakesABodyInvalidIsReported()
    {
        var cache = new MemoryCacheStore();
        Compile(Wat.Assemble(Module(5)), cache);
        // Same size as the original body's constant, so only the body changes; i64.const leaves an i64 where i32 is due.
        var valid = Wat.Assemble(Module(5));
        var broken = (byte[])valid.Clone();
        int at = IndexOfConstant(broken, 5);
        broken[at] = 0x42; // i64.const 5
        var e = Assert.ThrowsExactly<DiagnosticException>(() => WasmCompiler.Compile(broken, "m.wasm", "m", new WasmCompileOptions { Cache = cache }));
        Assert.AreEqual("STN5002", e.Diagnostic.Code);
    }

    [TestMethod]
    public void AProjectRebuildCompilesTheEditedFunctionAlone()
    {
        using var dir = new TempDirectory();
        var cache = new MemoryCacheStore();
        var path = dir.File("m.wasm");
        ProjectBuildResult Build(string wat)
        {
            File.WriteAllBytes(path, Wat.Assemble(wat));
            var r = ProjectBuilder.Build(new ProjectBuildRequest("WasmProject", [path], dir.File("out.o")) { Cache = cache, Settings = ["opt_level=speed"] },
                TestContext.CancellationToken);
            Assert.IsTrue(r.Succeeded, string.Join("\n", r.Diagnostics));
            return r;
        }
        var cold = Build(Module(5));
        Assert.AreEqual(0, cold.Cached);
        var edited = Build(Module(5000));
        Assert.AreEqual((1, cold.Functions - cold.Deduplicated - 1), (edited.Compiled, edited.Cached));
        var editedObject = File.ReadAllBytes(dir.File("out.o"));

        using var fresh = new TempDirectory();
        File.Copy(path, fresh.File("m.wasm"));
        var again = ProjectBuilder.Build(new ProjectBuildRequest("WasmProject", [fresh.File("m.wasm")], fresh.File("out.o")) { Settings = ["opt_level=speed"] },
            TestContext.CancellationToken);
        Assert.IsTrue(again.Succeeded, string.Join("\n", again.Diagnostics));
        CollectionAssert.AreEqual(File.ReadAllBytes(fresh.File("out.o")), editedObject, "the rebuild's object is a fresh build's");
    }

    /// <summary>Where <c>i32.const value</c> (a one-byte LEB128) first occurs in a body.</summary>
    private static int IndexOfConstant(byte[] bytes, byte value)
    {
        for (int i = 0; i + 1 < bytes.Length; i++)
            if (bytes[i] == 0x41 && bytes[i + 1] == value && i > 8) return i;
        throw new AssertFailedException($"no i32.const {value}");
    }
}
