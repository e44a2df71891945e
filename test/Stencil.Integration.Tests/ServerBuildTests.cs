using System.Text;
using Stencil.Server.Endpoint;

namespace Stencil.Integration.Tests;

/// <summary>
/// The compiler server with real processes: real <c>dotnet build</c>s start it, share it, lose it to SIGKILL, meet a
/// server of another version, and see it exit when idle. Every server lives in the test's own folder and is killed at
/// the end (<see cref="ServerFolder"/>).
/// </summary>
[TestClass]
public sealed class ServerBuildTests
{
    private const string Unavailable = "Stencil: compiler server unavailable (";
    private const string FellBack = "); compiled in-process";

    [TestMethod]
    public void TwoProjects_BuildAtOnce_ThroughOneServer_WithTheInProcessObject()
    {
        using var servers = new ServerFolder();
        var a = SampleWorkspace.Create(IntegrationRun.Feed, "server-a");
        var b = SampleWorkspace.Create(IntegrationRun.Feed, "server-b");
        var alone = SampleWorkspace.Create(IntegrationRun.Feed, "server-inproc");

        var builds = new[] { a, b }.Select(w => Task.Run(() => w.Build(servers.Environment))).ToArray();
        Task.WaitAll(builds);
        foreach (var (build, step) in builds.Select((t, i) => (t.Result, i == 0 ? "project a" : "project b")))
        {
            BuildAssert.Succeeded(build, step);
            Assert.DoesNotContain(Unavailable, build.Output, $"{step}: {build.Describe()}");
        }
        var endpoint = servers.Endpoints.Single();
        var status = servers.Status(endpoint) ?? throw new AssertFailedException("the server does not answer");
        Assert.AreEqual(2, status.BuildsServed, "both builds should have been served by the one server");
        Assert.AreEqual(CompilerIdentity.Compute(TaskDirectory()), status.Identity);

        BuildAssert.Succeeded(alone.Build(), "in-process build");
        var expected = File.ReadAllBytes(alone.ObjectFile);
        CollectionAssert.AreEqual(expected, File.ReadAllBytes(a.ObjectFile), "project a's object differs from the in-process one");
        CollectionAssert.AreEqual(expected, File.ReadAllBytes(b.ObjectFile), "project b's object differs from the in-process one");
        BuildAssert.AppRunsCorrectly(a, "served build");
    }

    [TestMethod]
    public void ServerKilledMidBuild_FallsBackInProcess_WithTheCorrectObject_AndAnUndamagedCache()
    {
        using var servers = new ServerFolder();
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "server-killed");
        // Enough distinct functions that the server is still compiling when it is killed.
        File.WriteAllText(workspace.Kernel("generated.clif"), GeneratedKernels(3000));
        var functions = workspace.CountFunctions();

        var build = Task.Run(() => workspace.Build(servers.Environment));
        var killed = false;
        while (!build.IsCompleted && !killed)
        {
            foreach (var endpoint in servers.Endpoints)
            {
                if (servers.Status(endpoint) is { ActiveBuilds: > 0 } status)
                {
                    ServerFolder.Kill(status.ProcessId);
                    killed = true;
                }
            }
            Thread.Sleep(10);
        }
        Assert.IsTrue(killed, "the build finished before the server could be killed mid-build: " + build.Result.Describe());
        var fallback = BuildAssert.Succeeded(build.Result, "build whose server was killed");
        Assert.AreEqual(functions, fallback.Functions);
        StringAssert.Contains(build.Result.Output, Unavailable, build.Result.Describe());
        StringAssert.Contains(build.Result.Output, FellBack, build.Result.Describe());
        var fellBackObject = File.ReadAllBytes(workspace.ObjectFile);

        // The cache is whole: a rebuild takes every function from it, with no warning, and gives the same object.
        var rebuild = workspace.Build("--no-incremental", "-p:StencilUseServer=false");
        var summary = BuildAssert.Succeeded(rebuild, "rebuild after the kill");
        BuildAssert.Counts(summary, "rebuild after the kill", functions, cached: functions, compiled: 0);
        Assert.IsEmpty(BuildAssert.Warnings(rebuild, "STN4001"), rebuild.Describe());
        CollectionAssert.AreEqual(fellBackObject, File.ReadAllBytes(workspace.ObjectFile), "the rebuild's object differs");

        // And it is the object a clean compile gives.
        foreach (var file in Directory.GetFiles(workspace.IntermediateDirectory, "stencil.cache*")) File.Delete(file);
        workspace.Touch(workspace.Kernel("generated.clif"));
        var cold = BuildAssert.Succeeded(workspace.Build("-p:StencilUseServer=false"), "clean compile");
        BuildAssert.Counts(cold, "clean compile", functions, cached: 0, compiled: functions);
        CollectionAssert.AreEqual(fellBackObject, File.ReadAllBytes(workspace.ObjectFile), "the fallback's object differs from a clean compile");
    }

    [TestMethod]
    public void AServerOfAnotherVersion_IsNeverUsed()
    {
        using var servers = new ServerFolder();
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "server-foreign");
        BuildAssert.Succeeded(workspace.Build(), "restore and first build");

        // Something else answers at the very name this compiler's server would have.
        var endpoint = ServerEndpoint.For(servers.Path, CompilerIdentity.Compute(TaskDirectory()));
        using var foreign = new ForeignServer(endpoint, "0.0.1+0000000000000000");
        workspace.Edit(workspace.Kernel("math.clif"), text => text.Replace("v3 = bxor v0, v2", "v3 = bxor v2, v0"));
        var build = workspace.Build(servers.Environment);
        BuildAssert.Succeeded(build, "build next to a foreign server");
        StringAssert.Contains(build.Output, Unavailable + "server of another version" + FellBack, build.Describe());
        Assert.IsGreaterThan(0, foreign.Hellos, "the build never asked the foreign server who it is");
        Assert.AreEqual(0, foreign.Builds, "a build request was sent to a server of another version");
        BuildAssert.AppRunsCorrectly(workspace, "build next to a foreign server");
    }

    [TestMethod]
    public void IdleTimeout_StopsTheServer()
    {
        using var servers = new ServerFolder();
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "server-idle");
        var build = workspace.Build(servers.Environment, "-p:StencilServerIdleTimeout=2");
        BuildAssert.Succeeded(build, "build with a 2 s idle timeout");
        Assert.DoesNotContain(Unavailable, build.Output, build.Describe());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (servers.Processes().Count > 0 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.IsEmpty(servers.Processes(), "the server was still running 30 s after its 2 s idle timeout");
        Assert.IsEmpty(servers.Endpoints, "the idle server left its socket behind");
    }

    [TestMethod]
    public void UseServerFalse_LeavesNoProcessBehind()
    {
        using var servers = new ServerFolder();
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "server-off");
        var build = workspace.Build(servers.Environment, "-p:StencilUseServer=false");
        BuildAssert.Succeeded(build, "build with StencilUseServer=false");
        Assert.DoesNotContain("compiler server", build.Output, build.Describe());
        Assert.IsEmpty(servers.Processes(), "StencilUseServer=false started a server");
        Assert.IsEmpty(Directory.GetFiles(servers.Path), "StencilUseServer=false touched the server folder");
    }

    /// <summary>The package's task folder, where the build found the compiler (restored by the feed's first build).</summary>
    private static string TaskDirectory() =>
        Path.Combine(IntegrationRun.Feed.PackagesDirectory, "stencil.build", IntegrationRun.Feed.Version.ToLowerInvariant(), "tasks", "net10.0");

    private static string GeneratedKernels(int count)
    {
        var text = new StringBuilder("; Generated: many distinct functions, so that compiling them takes a while.\n");
        for (var i = 0; i < count; i++)
        {
            text.Append($"\nfunction %generated_{i}(i64, i64) -> i64 system_v {{\nblock0(v0: i64, v1: i64):\n    v2 = iconst.i64 {i + 1}\n");
            var last = 2;
            for (var k = 0; k < 12; k++)
            {
                var op = (k % 4) switch { 0 => "iadd", 1 => "imul", 2 => "bxor", _ => "isub" };
                text.Append($"    v{last + 1} = {op} v{last}, v{k % 2}\n");
                last++;
            }
            text.Append($"    return v{last}\n}}\n");
        }
        return text.ToString();
    }
}
