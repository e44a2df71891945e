using System.Text.RegularExpressions;

namespace Stencil.Integration.Tests;

/// <summary>What a user sees when a source or the cache is broken: located STN errors or warnings, no crash.</summary>
[TestClass]
public sealed partial class BrokenInputTests
{
    [TestMethod]
    [DataRow("garbage", "\u0001\u00ffThis is not CLIF at all }}} {{ %%%\n", 1)]
    [DataRow("truncated", "function %cut(i64) -> i64 system_v {\nblock0(v0: i64):\n    v1 = iadd v0,", 3)]
    [DataRow("unknown-opcode", "function %odd(i64) -> i64 system_v {\nblock0(v0: i64):\n    v1 = frobnicate v0, v0\n    return v1\n}\n", 3)]
    [DataRow("wrong-types", "function %mixed(i64) -> i64 system_v {\nblock0(v0: i64):\n    v1 = iconst.i32 1\n    v2 = iadd v0, v1\n    return v2\n}\n", 4)]
    public void MalformedSource_FailsWithLocatedError(string name, string source, int expectedLine)
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "malformed-" + name);
        File.WriteAllText(workspace.Kernel("broken.clif"), source);

        var build = workspace.Build();

        Assert.AreNotEqual(0, build.ExitCode, $"{name}: a broken source must fail the build. {build.Describe()}");
        BuildAssert.NoStackTrace(build, name);
        Assert.IsEmpty(BuildSummary.ParseAll(build.Output), $"{name}: a failed build must not print a summary. {build.Describe()}");
        var error = LocatedError().Match(build.Output);
        Assert.IsTrue(error.Success, $"{name}: expected 'broken.clif(line,col): error STN1xxx/STN2xxx: ...'. {build.Describe()}");
        var line = int.Parse(error.Groups["line"].Value);
        Assert.IsGreaterThan(0, line, $"{name}: the error has no line. {build.Describe()}");
        if (expectedLine > 0)
            Assert.AreEqual(expectedLine, line, $"{name}: the error points at the wrong line. {build.Describe()}");
        Assert.DoesNotContain("STN4999", build.Output, $"{name}: a user error was reported as an internal failure. {build.Describe()}");
    }

    [TestMethod]
    public void GarbageCacheFile_WarnsAndStillBuildsACorrectApp()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "garbage-cache");
        Directory.CreateDirectory(workspace.IntermediateDirectory);
        var garbage = new byte[16 * 1024];
        for (var i = 0; i < garbage.Length; i++)
            garbage[i] = (byte)(i * 31 + 7);
        File.WriteAllBytes(workspace.CacheFile, garbage);
        var functions = workspace.CountFunctions();

        var build = workspace.Build();

        var summary = BuildAssert.Succeeded(build, "garbage cache");
        Assert.IsTrue(CacheWarning().IsMatch(build.Output), $"expected a 'warning STN4xxx' about the cache. {build.Describe()}");
        BuildAssert.Counts(summary, "garbage cache", functions, cached: 0, compiled: functions);
        BuildAssert.AppRunsCorrectly(workspace, "garbage cache");

        // The damaged file was replaced by a working cache, not merely skipped: the next build is all hits.
        workspace.Touch(workspace.Kernel("math.clif"));
        var next = workspace.Build();
        var nextSummary = BuildAssert.Succeeded(next, "after recovery");
        Assert.IsFalse(CacheWarning().IsMatch(next.Output), $"after recovery: the cache still warns. {next.Describe()}");
        BuildAssert.Counts(nextSummary, "after recovery", functions, cached: functions, compiled: 0);
    }

    [TestMethod]
    public void LinkFailure_IsReportedWithTheLinkersOutput()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "link-failure");
        // A directory where the library should go: the linker cannot create its output file.
        var blocked = Path.Combine(workspace.Root, "libBlocked.so");
        Directory.CreateDirectory(blocked);

        var build = workspace.Build("-p:StencilSharedLibrary=" + blocked);

        Assert.AreNotEqual(0, build.ExitCode, $"a failed link must fail the build. {build.Describe()}");
        BuildAssert.NoStackTrace(build, "link failure");
        StringAssert.Contains(build.Output, "error STN4002: ", build.Describe());
        StringAssert.Contains(build.Output, "libBlocked.so", build.Describe());
    }

    [GeneratedRegex(@"broken\.clif\((?<line>\d+),(?<column>\d+)\): error STN[12]\d{3}: \S")]
    private static partial Regex LocatedError();

    [GeneratedRegex(@"warning STN4\d{3}: ")]
    private static partial Regex CacheWarning();
}
