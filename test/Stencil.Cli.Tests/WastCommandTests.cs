namespace Stencil.Cli.Tests;

[TestClass]
public sealed class WastCommandTests
{
    /// <summary>Passing and failing commands of every counted kind; text-form assert_malformed is not counted.</summary>
    private const string Script = """
        (module $A
          (func (export "inc") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
          (func (export "nan") (result f32) f32.const nan)
          (func (export "trap") unreachable)
          (func (export "deep") call 3)
          (global (export "g") i32 (i32.const 7))
          (memory (export "m") 1))
        (assert_return (invoke "inc" (i32.const 1)) (i32.const 2))
        (assert_return (invoke "inc" (i32.const 1)) (i32.const 3))
        (assert_return (invoke "nan") (f32.const nan:canonical))
        (assert_return (get "g") (i32.const 7))
        (assert_trap (invoke "trap") "unreachable")
        (assert_trap (invoke "inc" (i32.const 0)) "unreachable")
        (assert_exhaustion (invoke "deep") "call stack exhausted")
        (invoke "inc" (i32.const 5))
        (register "A" $A)
        (module (import "A" "inc" (func (param i32) (result i32))) (import "spectest" "global_i32" (global i32))
          (func (export "twice") (param i32) (result i32) local.get 0 call 0 call 0))
        (assert_return (invoke "twice" (i32.const 1)) (i32.const 3))
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
        (assert_malformed (module quote "(func") "unexpected end")
        (assert_unlinkable (module (import "A" "nope" (func))) "unknown import")
        (assert_trap (module (memory 1) (data (i32.const 65536) "x")) "out of bounds memory access")
        """;

    [TestMethod]
    public void CountsEveryAssertionAndNamesEachFailure()
    {
        Prerequisite.RequireTool("wast2json");
        using var dir = new TempDirectory();
        var path = dir.Write("s.wast", Script);
        var run = CliRun.Of("wast", path).Expect(CliExitCodes.InputError);
        var lines = run.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.AreEqual("wast commands: 11 passed, 2 failed, 0 unsupported", lines[^1], run.Stdout);
        Assert.AreEqual("s.wast: 11 passed, 2 failed, 0 unsupported", lines[^2]);
        StringAssert.Contains(run.Stdout, "s.wast:9: failed: assert_return: invoke \"inc\"(1:i32): got (2:i32), expected (3:i32)");
        StringAssert.Contains(run.Stdout, "s.wast:13: failed: assert_trap: invoke \"inc\"(0:i32): returned (1:i32), expected the trap \"unreachable\"");
    }

    [TestMethod]
    public void AllPassingExitsZero()
    {
        Prerequisite.RequireTool("wast2json");
        using var dir = new TempDirectory();
        var path = dir.Write("ok.wast", """
            (module (func (export "f") (result i64) i64.const -1))
            (assert_return (invoke "f") (i64.const -1))
            """);
        var run = CliRun.Of("wast", path).Expect(CliExitCodes.Success);
        Assert.AreEqual("ok.wast: 1 passed, 0 failed, 0 unsupported\nwast commands: 1 passed, 0 failed, 0 unsupported\n", run.Stdout.ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void AScriptThatDoesNotConvertIsNamed()
    {
        Prerequisite.RequireTool("wast2json");
        using var dir = new TempDirectory();
        var path = dir.Write("bad.wast", "(module (func (result i32) i32.const))) (((");
        var run = CliRun.Of("wast", path).Expect(CliExitCodes.InputError);
        StringAssert.StartsWith(run.Stdout, "bad.wast: error: wast2json failed");
        StringAssert.EndsWith(run.Stdout.ReplaceLineEndings("\n"), "wast commands: 0 passed, 0 failed, 0 unsupported\n");
    }
}
