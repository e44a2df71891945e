namespace Stencil.Cli.Tests;

[TestClass]
public sealed class RunCommandTests
{
    private const string Module = """
        (module
          (import "spectest" "print_i32" (func $print (param i32)))
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "pair") (param i64) (result i64 f32) local.get 0 f32.const 0.1)
          (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
          (func (export "half") (param f64) (result f64) local.get 0 f64.const 0.5 f64.mul)
          (func (export "show") (param i32) local.get 0 call $print)
          (global (export "g") i32 (i32.const 1)))
        """;

    [TestMethod]
    public void PrintsEachResultOnItsOwnLine()
    {
        using var dir = new TempDirectory();
        var path = Wat.WriteModule(dir, "m.wasm", Module);
        Assert.AreEqual("42\n", CliRun.Of("run", path, "--invoke", "add", "40", "2").Expect(CliExitCodes.Success).Stdout.ReplaceLineEndings("\n"));
        Assert.AreEqual("-1\n", CliRun.Of("run", path, "--invoke", "add", "4294967295", "0").Expect(CliExitCodes.Success).Stdout.ReplaceLineEndings("\n"), "i32 results are signed decimal");
        Assert.AreEqual("-9223372036854775808\n0.1\n", CliRun.Of("run", path, "--invoke", "pair", "0x8000000000000000").Expect(CliExitCodes.Success).Stdout.ReplaceLineEndings("\n"),
            "several results; floats as the shortest round-trip text");
        Assert.AreEqual("0.35\n", CliRun.Of("run", path, "--invoke", "half", "0.7", "--opt-level", "none").Expect(CliExitCodes.Success).Stdout.ReplaceLineEndings("\n"));
        Assert.AreEqual("7:i32\n", CliRun.Of("run", path, "--invoke", "show", "7").Expect(CliExitCodes.Success).Stdout.ReplaceLineEndings("\n"), "spectest's print writes to stdout");
    }

    [TestMethod]
    public void ATrapIsReportedOnStderr()
    {
        using var dir = new TempDirectory();
        var path = Wat.WriteModule(dir, "m.wasm", Module);
        var run = CliRun.Of("run", path, "--invoke", "div", "1", "0").Expect(CliExitCodes.InputError);
        Assert.AreEqual("", run.Stdout);
        Assert.AreEqual("trap: integer divide by zero\n", run.Stderr.ReplaceLineEndings("\n"));
        run = CliRun.Of("run", path, "--invoke", "div", "-2147483648", "-1").Expect(CliExitCodes.InputError);
        Assert.AreEqual("trap: integer overflow\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void BadRequestsGetDiagnostics()
    {
        using var dir = new TempDirectory();
        var path = Wat.WriteModule(dir, "m.wasm", Module);
        StringAssert.Contains(CliRun.Of("run", path, "--invoke", "nope").Expect(CliExitCodes.InputError).Stderr, "error STN5103: the module exports no function named \"nope\"");
        StringAssert.Contains(CliRun.Of("run", path, "--invoke", "g").Expect(CliExitCodes.InputError).Stderr, "STN5103");
        StringAssert.Contains(CliRun.Of("run", path, "--invoke", "add", "1").Expect(CliExitCodes.UsageError).Stderr, "error STN4010: \"add\" takes 2 arguments");
        StringAssert.Contains(CliRun.Of("run", path, "--invoke", "add", "1", "x").Expect(CliExitCodes.UsageError).Stderr, "argument 2 of \"add\" must be an i32, not 'x'");
        StringAssert.Contains(CliRun.Of("run", path, "--invoke", "add", "1", "4294967296").Expect(CliExitCodes.UsageError).Stderr, "must be an i32");

        var env = Wat.WriteModule(dir, "env.wasm", """(module (import "env" "f" (func)) (func (export "x")))""");
        StringAssert.Contains(CliRun.Of("run", env, "--invoke", "x").Expect(CliExitCodes.InputError).Stderr,
            "env.wasm: error STN5101: import \"env\" \"f\" is not available");

        var broken = dir.Write("broken.wasm", "not wasm");
        StringAssert.Contains(CliRun.Of("run", broken, "--invoke", "x").Expect(CliExitCodes.InputError).Stderr, "error STN5001");
        StringAssert.Contains(CliRun.Of("run", dir.File("missing.wasm"), "--invoke", "x").Expect(CliExitCodes.InputError).Stderr, "STN4006");
    }

    [TestMethod]
    public void AStartFunctionThatTrapsIsATrap()
    {
        using var dir = new TempDirectory();
        var path = Wat.WriteModule(dir, "s.wasm", """(module (func $s unreachable) (start $s) (func (export "x")))""");
        Assert.AreEqual("trap: unreachable\n", CliRun.Of("run", path, "--invoke", "x").Expect(CliExitCodes.InputError).Stderr.ReplaceLineEndings("\n"));
    }
}
