namespace Stencil.Cli.Tests;

/// <summary><c>stencil test --target</c> and <c>--via-object</c>: run directives through a linked object, natively or
/// under qemu-user, only for files naming that target; the same per-file lines and last line as the JIT runner.</summary>
[TestClass]
public sealed class TestCommandTargetTests
{
    private const string Body = """
        function %main(i32, i32) -> i32 {
        block0(v0: i32, v1: i32):
            v2 = iadd v0, v1
            return v2
        }
        ; run: %main(1, 2) == 3
        ; run: %main(-1, 1) == 0
        ; run: %main(0x7fffffff, 1) == 0x80000000
        ; run: %main(2, 2) == 5
        """;

    [TestMethod]
    public void S390xFilesRunUnderQemuAndOthersAreSkipped()
    {
        Prerequisite.RequireTool("qemu-s390x");
        Prerequisite.RequireTool("s390x-linux-gnu-gcc");
        using var dir = new TempDirectory();
        var s390x = dir.Write("s390x.clif", "test run\ntarget x86_64\ntarget s390x\n\n" + Body);
        var x64 = dir.Write("x64.clif", "test run\ntarget x86_64\n\n" + Body);

        var run = CliRun.Of("test", s390x, x64, "--target", "s390x-unknown-linux-gnu").Expect(CliExitCodes.InputError);

        StringAssert.Contains(run.Stdout, $"FAIL {s390x}: 3 passed, 1 failed, 0 unsupported");
        StringAssert.Contains(run.Stdout, "`%main(2, 2) == 5`: failed: expected 5, got 4");
        StringAssert.Contains(run.Stdout, $"ok {x64}: 0 passed, 0 failed, 0 unsupported");
        Assert.AreEqual("run directives: 3 passed, 1 failed, 0 unsupported", run.Stdout.TrimEnd().Split('\n')[^1]);
    }

    [TestMethod]
    public void ViaObjectRunsTheHostThroughALinkedObject()
    {
        Prerequisite.RequireAnyTool("cc", "gcc");
        using var dir = new TempDirectory();
        var file = dir.Write("host.clif", "test run\ntest interpret\ntarget x86_64\n\n" + Body.Replace("== 5", "== 4"));
        var run = CliRun.Of("test", file, "--via-object").Expect(CliExitCodes.Success);
        Assert.AreEqual("run directives: 4 passed, 0 failed, 0 unsupported", run.Stdout.TrimEnd().Split('\n')[^1], "the interpreter is not run");
    }

    [TestMethod]
    public void ATargetWithoutAnObjectWriterIsAUsageError()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("k.clif", "test run\n\n" + Body);
        var run = CliRun.Of("test", file, "--target", "aarch64-apple-darwin").Expect(CliExitCodes.UsageError);
        StringAssert.Contains(run.Stderr, "STN4003");
        run = CliRun.Of("test", file, "--target", "not a triple").Expect(CliExitCodes.UsageError);
        StringAssert.Contains(run.Stderr, "STN4003");
    }
}
