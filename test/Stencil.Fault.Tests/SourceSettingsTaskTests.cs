using Microsoft.Build.Utilities;
using Stencil.Build;

namespace Stencil.Fault.Tests;

/// <summary>
/// The MSBuild task checks a source's <c>set</c> lines against <c>StencilOptLevel</c>/<c>StencilSettings</c>: a
/// contradiction is a structured STN4004 error at the item, never a setting silently dropped.
/// </summary>
[TestClass]
public sealed class SourceSettingsTaskTests
{
    private const string Source = """
        test compile
        set opt_level=speed

        function %twice(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = iadd v0, v0
            return v1
        }
        """;

    [TestMethod]
    [DataRow("none", false)]
    [DataRow("speed", true)]
    public void ASetLineMustAgreeWithTheProjectsSettings(string optLevel, bool agrees)
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", Source);
        var engine = new RecordingBuildEngine();
        var task = new StencilCompile
        {
            BuildEngine = engine,
            Sources = [new TaskItem(source)],
            ProjectName = "settings",
            ObjectFile = dir.File("settings.o"),
            Settings = [$"opt_level={optLevel}", ""],
            EnableCache = false,
            LinkSharedLibrary = false,
        };

        Assert.AreEqual(agrees, task.Execute(), engine.Describe());
        Assert.AreEqual(agrees, File.Exists(task.ObjectFile));
        if (agrees)
        {
            Assert.IsEmpty(engine.Errors, engine.Describe());
            return;
        }
        var error = engine.Errors.Single();
        Assert.AreEqual(("STN4004", source, 2, 5), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.AreEqual("`set opt_level=speed` conflicts with opt_level=none from the project (StencilOptLevel/StencilSettings); "
            + "the sources of one object share their settings", error.Message);
    }
}
