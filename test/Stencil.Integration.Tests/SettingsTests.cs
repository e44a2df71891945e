namespace Stencil.Integration.Tests;

/// <summary>Code generator settings from MSBuild properties: they reach the compiler, change the keys, and a change
/// given only on the command line still re-runs the target.</summary>
[TestClass]
public sealed class SettingsTests
{
    [TestMethod]
    public void OptLevelFromTheCommandLine_RecompilesOnceAndStaysCorrect()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "opt-level");
        var functions = workspace.CountFunctions();
        BuildAssert.Counts(BuildAssert.Succeeded(workspace.Build(), "debug default"), "debug default", functions, cached: 0, compiled: functions);
        var unoptimized = File.ReadAllBytes(workspace.ObjectFile);

        // No input file changed: only the settings file tells MSBuild the target is out of date.
        var speed = BuildAssert.Succeeded(workspace.Build("-p:StencilOptLevel=speed"), "opt_level=speed");
        BuildAssert.Counts(speed, "opt_level=speed", functions, cached: 0, compiled: functions);
        CollectionAssert.AreNotEqual(unoptimized, File.ReadAllBytes(workspace.ObjectFile), "opt_level=speed: the object did not change.");
        BuildAssert.AppRunsCorrectly(workspace, "opt_level=speed");

        var again = workspace.Build("-p:StencilOptLevel=speed");
        Assert.AreEqual(0, again.ExitCode, "same settings again: " + again.Describe());
        StringAssert.Contains(again.Output, "Skipping target \"StencilCompile\"", "same settings again: " + again.Describe());

        // Both levels stay in the cache: going back is all hits and gives the first object again.
        var back = BuildAssert.Succeeded(workspace.Build(), "back to none");
        BuildAssert.Counts(back, "back to none", functions, cached: functions, compiled: 0);
        CollectionAssert.AreEqual(unoptimized, File.ReadAllBytes(workspace.ObjectFile), "back to none: a different object.");
    }

    [TestMethod]
    public void UnknownSetting_IsAnErrorWithItsCode()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "bad-setting");
        var build = workspace.Build("-p:StencilSettings=no_such_flag=1");
        Assert.AreNotEqual(0, build.ExitCode, "an unknown setting must fail the build. " + build.Describe());
        BuildAssert.NoStackTrace(build, "unknown setting");
        StringAssert.Contains(build.Output, "error STN4004", build.Describe());
        StringAssert.Contains(build.Output, "no_such_flag", build.Describe());
    }
}
