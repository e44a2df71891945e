namespace Stencil.Cli.Tests;

/// <summary><c>stencil compile MODULE.wasm</c> and <c>stencil wasm2clif</c>.</summary>
[TestClass]
public sealed class WasmCommandTests
{
    /// <summary>wat2wasm --debug-names of: an imported <c>env.log(i32)</c>, a memory, <c>$square</c> and <c>$store</c> (exported),
    /// <c>$store</c> calling both.</summary>
    private static readonly byte[] Module = Convert.FromHexString(
        "0061736d01000000010f0360017f0060017f017f60027f7f00020b0103656e76036c6f670000030302010205030100010712020673717561726500010573746f72650002" +
        "0a19020700200020006c0b0f00200020011001360200200110000b0025046e616d6501150300036c6f670106737175617265020573746f7265020703000001000200");

    [TestMethod]
    public void CompileWritesAnObjectReadelfAccepts()
    {
        using var dir = new TempDirectory();
        var source = dir.File("calc.wasm");
        File.WriteAllBytes(source, Module);

        var run = CliRun.Of("compile", source).Expect(CliExitCodes.Success);

        // Two functions, three array trampolines (one per type), one host trampoline.
        StringAssert.Contains(run.Stdout, "Stencil: calc: 6 functions, 0 cached, ");
        var obj = dir.File("calc.o");
        var (exit, all) = ReadElf.Run("-a", "-W", obj);
        Assert.AreEqual(0, exit, all);
        StringAssert.Contains(all, "REL (Relocatable file)");
        foreach (var symbol in new[] { "w2n_calc__f1", "w2n_calc__f2", "w2n_calc__array0", "w2n_calc__array2", "w2n_calc__import0" })
            StringAssert.Contains(all, symbol);
        Assert.DoesNotContain("Warning", all, all);
    }

    [TestMethod]
    public void CompileWithACacheCompilesNothingTheSecondTime()
    {
        using var dir = new TempDirectory();
        var source = dir.File("calc.wasm");
        File.WriteAllBytes(source, Module);
        var cache = dir.File("cache.db");
        CliRun.Of("compile", source, "--cache", cache).Expect(CliExitCodes.Success);
        var obj = File.ReadAllBytes(dir.File("calc.o"));

        var run = CliRun.Of("compile", source, "--cache", cache).Expect(CliExitCodes.Success);

        StringAssert.Contains(run.Stdout, " 0 compiled,");
        CollectionAssert.AreEqual(obj, File.ReadAllBytes(dir.File("calc.o")), "a cached build gives the same object");
    }

    [TestMethod]
    public void AMalformedModuleIsADiagnosticNotACrash()
    {
        using var dir = new TempDirectory();
        var source = dir.File("bad.wasm");
        File.WriteAllBytes(source, Module[..40]);

        var run = CliRun.Of("compile", source).Expect(CliExitCodes.InputError);

        StringAssert.Contains(run.Stderr, "error STN5001");
        Assert.IsFalse(File.Exists(dir.File("bad.o")));
    }

    [TestMethod]
    public void Wasm2ClifPrintsOneFunctionByNameIndexOrExport()
    {
        using var dir = new TempDirectory();
        var source = dir.File("calc.wasm");
        File.WriteAllBytes(source, Module);

        foreach (var selector in new[] { "square", "1" })
        {
            var run = CliRun.Of("wasm2clif", source, "--function", selector).Expect(CliExitCodes.Success);
            StringAssert.StartsWith(run.Stdout, "function %w2n_calc__f1(i64 vmctx, i32) -> i32 system_v {");
            StringAssert.Contains(run.Stdout, "imul");
            Assert.DoesNotContain("w2n_calc__f2(", run.Stdout);
        }
        var every = CliRun.Of("wasm2clif", source).Expect(CliExitCodes.Success).Stdout;
        foreach (var symbol in new[] { "%w2n_calc__f1(", "%w2n_calc__f2(", "%w2n_calc__array1(", "%w2n_calc__import0(" })
            StringAssert.Contains(every, "function " + symbol);

        var missing = CliRun.Of("wasm2clif", source, "--function", "log").Expect(CliExitCodes.InputError);
        StringAssert.Contains(missing.Stderr, "'log' is not a defined function");
    }
}
