using Stencil.Ir.Keys;
using Stencil.RemoteCache;

namespace Stencil.Integration.Tests;

/// <summary>
/// Real <c>dotnet build</c>s of the sample against a real redis-server on loopback: what one checkout publishes, a
/// fresh checkout elsewhere takes whole; every remote failure is a correct build and exactly one STN4040 warning.
/// </summary>
[TestClass]
public sealed class RemoteCacheBuildTests
{
    private const string Warning = "STN4040";
    private static byte[]? s_referenceObject;

    /// <summary>The object a plain build (no remote cache) produces: every other build must give these bytes.</summary>
    private static byte[] ReferenceObject()
    {
        if (s_referenceObject is not null) return s_referenceObject;
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "remote-reference");
        var build = workspace.Build();
        var summary = BuildAssert.Succeeded(build, "reference build");
        Assert.IsNull(summary.Remote, "a build without a remote cache names none in its summary");
        return s_referenceObject = File.ReadAllBytes(workspace.ObjectFile);
    }

    private static string[] Remote(string address, string? mode = null) =>
        mode is null ? [$"-p:StencilRemoteCache={address}"] : [$"-p:StencilRemoteCache={address}", $"-p:StencilRemoteCacheMode={mode}"];

    private static void SameObjectAsReference(SampleWorkspace workspace, string step) =>
        CollectionAssert.AreEqual(ReferenceObject(), File.ReadAllBytes(workspace.ObjectFile), $"{step}: the object differs from a plain build's.");

    private static void Remote(BuildSummary summary, string step, int cached, int remote, int compiled)
    {
        var expected = $"{cached} cached, {remote} remote, {compiled} compiled";
        Assert.AreEqual(expected, $"{summary.Cached} cached, {summary.Remote} remote, {summary.Compiled} compiled", $"{step}: wrong cache behaviour.");
    }

    [TestMethod]
    public void FreshCloneElsewhereGetsEveryFunctionFromTheRemote()
    {
        using var server = RedisServer.Start();
        var publisher = SampleWorkspace.Create(IntegrationRun.Feed, "remote-publisher");
        var first = BuildClean(publisher, "publish", Remote(server.Address));
        int distinct = first.Compiled;
        Remote(first, "publish", cached: 0, remote: 0, compiled: distinct);
        Assert.HasCount(distinct, server.Keys(RemoteCacheAddress.DefaultPrefix + "code:"), "publish: one key per compiled function");

        // Another folder, another checkout, the address from the environment as a CI system would set it.
        var consumer = SampleWorkspace.Create(IntegrationRun.Feed, "remote-consumer-in-another-folder");
        Assert.AreNotEqual(publisher.Root, consumer.Root);
        var build = consumer.Build(new Dictionary<string, string> { [RemoteCacheSettings.EnvironmentVariable] = server.Address });
        var second = BuildAssert.Succeeded(build, "fresh clone");
        Assert.IsEmpty(BuildAssert.Warnings(build, Warning), build.Describe());
        Assert.IsEmpty(BuildAssert.Warnings(build, "STN4001"), "the shared manifest must fit the clone's files. " + build.Describe());
        Remote(second, "fresh clone", cached: 0, remote: distinct, compiled: 0);
        CollectionAssert.AreEqual(File.ReadAllBytes(publisher.ObjectFile), File.ReadAllBytes(consumer.ObjectFile), "fresh clone: the object differs from the publisher's");
        SameObjectAsReference(consumer, "fresh clone");
        // One round trip for the shared build manifest, one for every function's code.
        StringAssert.Contains(build.Output, $"{distinct} hits, 0 misses, 0 rejected, 0 published in 2 round trips", build.Describe());
        Assert.HasCount(1, server.Keys(RemoteCacheAddress.DefaultPrefix + "manifest:"), "the publisher shared its build manifest");

        // The remote hits were copied into the clone's own cache: a rebuild needs no server.
        server.Kill();
        var rebuild = consumer.Build(["--no-incremental", .. Remote(server.Address)]);
        var third = BuildAssert.Succeeded(rebuild, "rebuild with the server gone");
        Remote(third, "rebuild with the server gone", cached: distinct, remote: 0, compiled: 0);
        Assert.IsEmpty(BuildAssert.Warnings(rebuild, Warning), "every lookup was answered locally, so the server was never asked. " + rebuild.Describe());
    }

    [TestMethod]
    public void ReadOnlyPublishesNothing()
    {
        using var server = RedisServer.Start();
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "remote-read-only");
        var summary = BuildClean(workspace, "read-only build", Remote(server.Address, "ReadOnly"));
        Remote(summary, "read-only build", cached: 0, remote: 0, compiled: summary.Functions - summary.Deduplicated);
        Assert.AreEqual(0L, server.DatabaseSize(), "ReadOnly wrote to the server");
    }

    [TestMethod]
    public void OffIgnoresTheAddress()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "remote-off");
        // Nothing listens there: with the mode Off it must not even be tried.
        var build = workspace.Build([.. Remote($"redis://127.0.0.1:{LoopbackPort.Unused()}", "Off")]);
        var summary = BuildAssert.Succeeded(build, "mode Off");
        Assert.IsNull(summary.Remote);
        Assert.IsEmpty(BuildAssert.Warnings(build, Warning), build.Describe());
    }

    [TestMethod]
    public void WrongPasswordIsOneWarning()
    {
        using var server = RedisServer.Start(password: "correct-horse");
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "remote-wrong-password");
        var build = workspace.Build(new Dictionary<string, string> { [RemoteCacheSettings.EnvironmentVariable] = $"redis://:battery-staple@127.0.0.1:{server.Port}" });
        var summary = BuildAssert.Succeeded(build, "wrong password");
        Remote(summary, "wrong password", cached: 0, remote: 0, compiled: summary.Functions - summary.Deduplicated);
        Assert.HasCount(1, BuildAssert.Warnings(build, Warning), build.Describe());
        Assert.IsFalse(build.Output.Contains("battery-staple", StringComparison.Ordinal), "the password was printed. " + build.Describe());
        SameObjectAsReference(workspace, "wrong password");
        Assert.AreEqual(0L, server.DatabaseSize());
    }

    [TestMethod]
    public void CorruptValuesAreMissesAndOneWarning()
    {
        using var server = RedisServer.Start();
        var publisher = SampleWorkspace.Create(IntegrationRun.Feed, "remote-corrupt-publisher");
        var first = BuildClean(publisher, "publish", Remote(server.Address));
        var keys = server.Keys(RemoteCacheAddress.DefaultPrefix + "code:");
        Assert.HasCount(first.Compiled, keys);
        var database = server.Admin.GetDatabase();
        foreach (var key in keys)
        {
            var value = (byte[])database.StringGet(key)!;
            value[^1] ^= 0xff;
            database.StringSet(key, value);
        }

        var consumer = SampleWorkspace.Create(IntegrationRun.Feed, "remote-corrupt-consumer");
        var build = consumer.Build(Remote(server.Address));
        var second = BuildAssert.Succeeded(build, "corrupt remote");
        Remote(second, "corrupt remote", cached: 0, remote: 0, compiled: first.Compiled);
        var warnings = BuildAssert.Warnings(build, Warning);
        Assert.HasCount(1, warnings, build.Describe());
        StringAssert.Contains(warnings[0], "checksum");
        SameObjectAsReference(consumer, "corrupt remote");

        // What the consumer compiled replaced the damaged values.
        foreach (var key in keys)
        {
            Assert.IsTrue(CacheKey.TryParse(((string)key!)[^64..], out var cacheKey));
            Assert.IsTrue(RemoteEntryCodec.TryDecode(cacheKey, (byte[])database.StringGet(key)!, out _, out _, out var problem), problem);
        }
    }

    [TestMethod]
    public void ServerKilledMidBuildGivesACorrectBuildAndOneWarning()
    {
        using var server = RedisServer.Start();
        using var proxy = new KillingProxy(server);
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "remote-killed");
        var build = workspace.Build(Remote(proxy.Address + "?timeout=1000"));
        Assert.IsTrue(proxy.Killed, "the build never asked the server for its lookups. " + build.Describe());
        Assert.IsTrue(server.HasExited);
        var summary = BuildAssert.Succeeded(build, "server killed");
        Remote(summary, "server killed", cached: 0, remote: 0, compiled: summary.Functions - summary.Deduplicated);
        Assert.HasCount(1, BuildAssert.Warnings(build, Warning), build.Describe());
        SameObjectAsReference(workspace, "server killed");
        BuildAssert.AppRunsCorrectly(workspace, "server killed");
    }

    [TestMethod]
    public void UnreachableServerIsOneWarning()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "remote-unreachable");
        var build = workspace.Build(Remote($"redis://127.0.0.1:{LoopbackPort.Unused()}"));
        var summary = BuildAssert.Succeeded(build, "unreachable");
        Assert.AreEqual(0, summary.Remote);
        Assert.HasCount(1, BuildAssert.Warnings(build, Warning), build.Describe());
        SameObjectAsReference(workspace, "unreachable");
    }

    private static BuildSummary BuildClean(SampleWorkspace workspace, string step, string[] arguments)
    {
        var build = workspace.Build(arguments);
        var summary = BuildAssert.Succeeded(build, step);
        Assert.IsEmpty(BuildAssert.Warnings(build, Warning), $"{step}: {build.Describe()}");
        return summary;
    }
}
