using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Ir.Diagnostics;

namespace Stencil.Engine.Tests.Building;

/// <summary>
/// A build checks each source's <c>set</c> and <c>target</c> lines against its own settings (<see cref="SourceSettingsCheck"/>):
/// nothing a file says is silently ignored, whether the file is read cold, taken from the build manifest or read by chunks.
/// </summary>
[TestClass]
public sealed class SourceSettingsCheckTests
{
    private const string Body = """
        function %twice(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = iadd v0, v0
            return v1
        }
        """;

    private const string Other = """

        function %thrice(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = iadd v0, v0
            v2 = iadd v1, v0
            return v2
        }
        """;

    private static ProjectBuildResult Build(TempDirectory dir, string path, ICacheStore? cache, params string[] settings) =>
        ProjectBuilder.Build(new ProjectBuildRequest("Test", [path], dir.File("out.o"))
        {
            Cache = cache,
            Settings = settings,
            SettingsOrigin = "the test's settings",
            // Every file may be taken on its stat: the fast path is exercised too.
            SourceSettleMargin = TimeSpan.Zero,
        });

    private static Diagnostic SingleError(ProjectBuildResult r)
    {
        Assert.IsFalse(r.Succeeded);
        Assert.IsFalse(r.ObjectWritten);
        return r.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
    }

    private static void AssertAt(Diagnostic d, string code, string file, int line, int column, string message)
    {
        Assert.AreEqual((code, file, line, column), (d.Code, d.File, d.Line, d.Column), d.ToString());
        Assert.AreEqual(message, d.Message);
    }

    [TestMethod]
    public void AConflictingSetLineIsAnErrorAtTheItemInAColdBuild()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("k.clif", "; kernels\ntest compile\nset is_pic opt_level=speed\n\n" + Body);

        // is_pic agrees with the build's; opt_level does not.
        var d = SingleError(Build(dir, path, null, "is_pic"));

        AssertAt(d, "STN4004", path, 3, 12,
            "`set opt_level=speed` conflicts with opt_level=none from the test's settings; the sources of one object share their settings");
        Assert.IsFalse(File.Exists(dir.File("out.o")));
    }

    [TestMethod]
    public void ACachedUnchangedFileIsCheckedAgainstNewSettings()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("k.clif", "set opt_level=speed\n" + Body);
        var cache = new MemoryCacheStore();
        Assert.IsTrue(Build(dir, path, cache, "opt_level=speed").Succeeded);
        var again = Build(dir, path, cache, "opt_level=speed");
        Assert.IsTrue(again.Succeeded, string.Join("\n", again.Diagnostics));
        Assert.AreEqual(1, again.SourcesRemembered, "the unchanged file was taken from the manifest");

        // The settings change on the "command line": another manifest, so the file is read and checked again.
        var d = SingleError(Build(dir, path, cache, "opt_level=none"));
        AssertAt(d, "STN4004", path, 1, 5,
            "`set opt_level=speed` conflicts with opt_level=none from the test's settings; the sources of one object share their settings");

        // Edited, so read by chunks with the other function remembered: still checked.
        File.WriteAllText(path, "set opt_level=speed\n" + Body + Other);
        Assert.IsTrue(Build(dir, path, cache, "opt_level=speed").Succeeded);
        File.WriteAllText(path, "set opt_level=speed\n" + Body + Other.Replace("v2 = iadd v1, v0", "v2 = isub v1, v0", StringComparison.Ordinal));
        var edited = Build(dir, path, cache, "opt_level=speed");
        Assert.IsTrue(edited.Succeeded, string.Join("\n", edited.Diagnostics));
        Assert.AreEqual(1, edited.ChunksRemembered, "one function came from the manifest by its chunk digest");
        AssertAt(SingleError(Build(dir, path, cache, "opt_level=none")), "STN4004", path, 1, 5,
            "`set opt_level=speed` conflicts with opt_level=none from the test's settings; the sources of one object share their settings");
    }

    [TestMethod]
    [DataRow("set opt_level=none", new string[0])]
    [DataRow("set is_pic=1", new[] { "is_pic" })]
    [DataRow("set is_pic=false unwind_info=false", new string[0])]
    [DataRow("set opt_level=speed\nset opt_level=none", new string[0])]
    [DataRow("target x86_64 has_avx sse41\ntarget aarch64", new string[0])]
    public void SetAndTargetLinesTheBuildHonoursBuild(string header, string[] settings)
    {
        using var dir = new TempDirectory();
        var r = Build(dir, dir.Write("k.clif", header + "\n\n" + Body), null, settings);
        Assert.IsTrue(r.Succeeded, string.Join("\n", r.Diagnostics));
    }

    [TestMethod]
    [DataRow("set enable_frobnication", 5, "unknown setting `enable_frobnication`")]
    [DataRow("set enable_pinned_reg", 5,
        "setting `enable_pinned_reg=true` is not supported: Stencil has no pinned register (r15 is allocated as usual) (only `enable_pinned_reg=false`)")]
    [DataRow("set opt_level=fast", 5, "`fast` is not a value of setting `opt_level` (none, speed, speed_and_size)")]
    public void AnUnknownOrRefusedSettingIsStn4004AtTheItem(string header, int column, string message)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("k.clif", "test run\n" + header + "\n\n" + Body);
        AssertAt(SingleError(Build(dir, path, null)), "STN4004", path, 2, column, message);
    }

    [TestMethod]
    public void AFileForAnotherArchitectureIsStn4003()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("k.clif", "test compile\ntarget aarch64\ntarget s390x\n\n" + Body);
        AssertAt(SingleError(Build(dir, path, null)), "STN4003", path, 2, 1,
            "this file is for aarch64, s390x, not the build's target `x86_64-unknown-linux-gnu`");
    }
}
