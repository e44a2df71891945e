namespace Stencil.Cli.Tests;

/// <summary><c>compile</c> and <c>disasm</c> honour a source's <c>set</c> and <c>target</c> lines, and refuse sources
/// whose settings contradict the command line or each other.</summary>
[TestClass]
public sealed class SourceSettingsTests
{
    /// <summary>A colocated func_addr: PC-relative by default, a GOT load under is_pic.</summary>
    private const string Body = """
        function %addr() -> i64 {
            fn0 = colocated %addr() -> i64
        block0:
            v0 = func_addr.i64 fn0
            return v0
        }
        """;

    private static string WithHeader(string header) => header + "\n\n" + Body;

    [TestMethod]
    public void DisasmHonoursTheFilesSetLines()
    {
        using var dir = new TempDirectory();
        var plain = CliRun.Of("disasm", dir.Write("plain.clif", Body)).Expect(CliExitCodes.Success);
        var pic = CliRun.Of("disasm", dir.Write("pic.clif", WithHeader("set is_pic\ntarget x86_64"))).Expect(CliExitCodes.Success);

        StringAssert.Contains(plain.Stdout, "X86PCRel4");
        StringAssert.Contains(pic.Stdout, "X86GOTPCRel4");
    }

    [TestMethod]
    public void CompileHonoursTheFilesSetLines()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("pic.clif", WithHeader("test compile\nset is_pic=true"));
        var obj = dir.File("pic.o");
        CliRun.Of("compile", source, "-o", obj).Expect(CliExitCodes.Success);

        var (exit, relocations) = ReadElf.Run("-r", obj);
        Assert.AreEqual(0, exit, relocations);
        StringAssert.Contains(relocations, "R_X86_64_GOTPCREL");
    }

    [TestMethod]
    public void ASetLineContradictingTheCommandLineIsRefused()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", WithHeader("set is_pic"));
        foreach (var command in new[] { "compile", "disasm" })
        {
            var run = CliRun.Of(command, source, "--set", "is_pic=false").Expect(CliExitCodes.InputError);
            StringAssert.Contains(run.Stderr, "k.clif(1,5): error STN4004: `set is_pic` conflicts with `--set is_pic=false` on the command line", command);
        }
        // The same value however spelled is no conflict.
        CliRun.Of("compile", source, "--set", "is_pic=1", "-o", dir.File("k.o")).Expect(CliExitCodes.Success);
    }

    [TestMethod]
    public void FilesOfOneCompileShareTheirSettingsAndMustAgree()
    {
        using var dir = new TempDirectory();
        var speed = dir.Write("a.clif", "set opt_level=speed\n\n" + Body);
        var none = dir.Write("b.clif", "set opt_level=none\n\n" + Body.Replace("%addr", "%other"));
        var silent = dir.Write("c.clif", Body.Replace("%addr", "%third"));

        var run = CliRun.Of("compile", speed, none, "-o", dir.File("ab.o")).Expect(CliExitCodes.InputError);
        StringAssert.Contains(run.Stderr, "b.clif(1,5): error STN4004: `set opt_level=none` conflicts with `opt_level=speed` at ");
        StringAssert.Contains(run.Stderr, "a.clif(1,5)");
        Assert.IsFalse(File.Exists(dir.File("ab.o")));

        // A file that names no value for a setting takes the others'.
        CliRun.Of("compile", speed, silent, "-o", dir.File("ac.o")).Expect(CliExitCodes.Success);
    }

    [TestMethod]
    public void AnUnknownSettingInAFileIsReportedAtItsLine()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", WithHeader("test compile\nset opt_level=speed enable_frobnication=true"));
        foreach (var command in new[] { "compile", "disasm" })
        {
            var run = CliRun.Of(command, source).Expect(CliExitCodes.InputError);
            StringAssert.Contains(run.Stderr, "k.clif(2,21): error STN4004: unknown setting `enable_frobnication`", command);
        }
    }

    [TestMethod]
    public void AFileForAnotherArchitectureIsRefusedAndTargetFlagsAreAccepted()
    {
        using var dir = new TempDirectory();
        var other = dir.Write("arm.clif", WithHeader("target aarch64\ntarget s390x"));
        var run = CliRun.Of("compile", other).Expect(CliExitCodes.InputError);
        StringAssert.Contains(run.Stderr, "arm.clif(1,1): error STN4003: this file is for aarch64, s390x, not the build's target `x86_64-unknown-linux-gnu`");

        var several = dir.Write("many.clif", WithHeader("target aarch64\ntarget x86_64 sse42 has_avx"));
        CliRun.Of("disasm", several).Expect(CliExitCodes.Success);
    }

    [TestMethod]
    public void UnwindInfoFalseIsAcceptedAndTrueRefused()
    {
        using var dir = new TempDirectory();
        CliRun.Of("disasm", dir.Write("off.clif", WithHeader("set unwind_info=false"))).Expect(CliExitCodes.Success);
        var run = CliRun.Of("compile", dir.Write("on.clif", WithHeader("set unwind_info=true"))).Expect(CliExitCodes.InputError);
        StringAssert.Contains(run.Stderr, "on.clif(1,5): error STN4004: setting `unwind_info=true` is not supported");
    }

    [TestMethod]
    public void StencilTestReportsARefusedSettingAsUnsupportedNotDropped()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", "test run\nset enable_nan_canonicalization=true\n\n" + ClifSamples.Valid + "\n; run: %max2(1, 2) == 2\n");

        var run = CliRun.Of("test", source, "--json").Expect(CliExitCodes.Success);

        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var directive = json.RootElement.GetProperty("files")[0].GetProperty("directives").EnumerateArray().Single();
        Assert.AreEqual("unsupported", directive.GetProperty("outcome").GetString());
        Assert.AreEqual($"STN4004 at {source}(2,5): setting `enable_nan_canonicalization=true` is not supported: Stencil does not canonicalize NaNs "
            + "(only `enable_nan_canonicalization=false`)", directive.GetProperty("message").GetString());
    }
}
