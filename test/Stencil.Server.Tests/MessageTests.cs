using Stencil.RemoteCache;
using Stencil.Server.Building;
using Stencil.Server.Protocol;

namespace Stencil.Server.Tests;

[TestClass]
public sealed class MessageTests
{
    internal static CompileRequest SampleRequest(string root = "/work/p") => new()
    {
        ProjectName = "App",
        Sources = [root + "/a.clif", root + "/b.clif"],
        ObjectFile = root + "/obj/App.stencil.o",
        Triple = "x86_64-unknown-linux-gnu",
        Settings = ["opt_level=speed"],
        CacheFile = root + "/obj/stencil.cache.db",
        CacheLockTimeout = TimeSpan.FromMilliseconds(1234),
        CacheMaxBytes = 10 << 20,
        RemoteCache = "redis://localhost:6379",
        RemoteCacheMode = RemoteCacheMode.ReadOnly,
        SharedLibrary = root + "/bin/libApp.so",
        Parallel = false,
        VerifyCacheHits = true,
    };

    [TestMethod]
    public void BuildMessage_RoundTripsEveryField()
    {
        var message = new BuildMessage(SampleRequest(), TimeSpan.FromSeconds(2));
        var decoded = BuildMessage.Decode(message.Encode());
        Assert.AreEqual(TimeSpan.FromSeconds(2), decoded.IdleTimeout);
        var (a, b) = (message.Request, decoded.Request);
        CollectionAssert.AreEqual(a.Sources.ToArray(), b.Sources.ToArray());
        CollectionAssert.AreEqual(a.Settings.ToArray(), b.Settings.ToArray());
        Assert.AreEqual(a with { Sources = b.Sources, Settings = b.Settings }, b);
        var bare = SampleRequest() with { CacheFile = null, CacheMaxBytes = null, RemoteCache = null, SharedLibrary = null, Triple = null };
        var bareDecoded = BuildMessage.Decode(new BuildMessage(bare, TimeSpan.Zero).Encode()).Request;
        Assert.AreEqual(bare with { Sources = bareDecoded.Sources, Settings = bareDecoded.Settings }, bareDecoded);
    }

    [TestMethod]
    public void BuildMessage_WithARelativePath_IsRefused()
    {
        var relative = SampleRequest() with { ObjectFile = "obj/App.stencil.o" };
        Assert.ThrowsExactly<ProtocolException>(() => BuildMessage.Decode(new BuildMessage(relative, TimeSpan.Zero).Encode()));
    }

    [TestMethod]
    public void EveryTruncationAndAnyTrailingByte_AreProtocolErrors()
    {
        var encoded = new BuildMessage(SampleRequest(), TimeSpan.FromSeconds(1)).Encode();
        for (var length = 0; length < encoded.Length; length++)
            Assert.ThrowsExactly<ProtocolException>(() => BuildMessage.Decode(encoded[..length]), $"truncated to {length} bytes");
        Assert.ThrowsExactly<ProtocolException>(() => BuildMessage.Decode([.. encoded, 0]));
    }

    [TestMethod]
    public void BuildReply_AndStatus_RoundTrip()
    {
        var reply = new BuildReply(new CompileOutcome(true, "Stencil: App: 2 functions", [new("build", 12.5)]),
            [new LogEntry(LogKind.Warning, "careful {0}", "STN4001", "/p/a.clif", 3, 4), new LogEntry(LogKind.Message, "details", Importance: LogImportance.Low)]);
        var decoded = BuildReply.Decode(reply.Encode());
        Assert.AreEqual(reply.Outcome.Summary, decoded.Outcome.Summary);
        CollectionAssert.AreEqual(reply.Outcome.Stages.ToArray(), decoded.Outcome.Stages.ToArray());
        CollectionAssert.AreEqual(reply.Log.ToArray(), decoded.Log.ToArray());

        var status = new ServerStatus(42, "0.1.0+abc", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), 7, 1, 1 << 20, TimeSpan.FromMinutes(10));
        Assert.AreEqual(status, ServerStatus.Decode(status.Encode()));
    }

    [TestMethod]
    public void AnErrorReply_IsReadAsTheServersReason()
    {
        var e = Assert.ThrowsExactly<ProtocolException>(() => BuildReply.Decode(ErrorMessage.Encode("no such thing")));
        StringAssert.Contains(e.Message, "no such thing");
    }

    [TestMethod]
    public void Hello_ChecksItsMagic()
    {
        var hello = Hello.ForThisProcess("0.1.0+abc");
        Assert.AreEqual(hello, Hello.Decode(hello.Encode(MessageKind.Hello), MessageKind.Hello));
        var bad = hello.Encode(MessageKind.Hello);
        bad[1] ^= 1;
        Assert.ThrowsExactly<ProtocolException>(() => Hello.Decode(bad, MessageKind.Hello));
    }
}
