using System.Buffers.Binary;
using Stencil.Server.Building;
using Stencil.Server.Client;
using Stencil.Server.Endpoint;
using Stencil.Server.Protocol;

namespace Stencil.Server.Tests;

[TestClass]
public sealed class ServerTests
{
    private const string Source = """
        function %add(i64, i64) -> i64 system_v {
        block0(v0: i64, v1: i64):
            v2 = iadd v0, v1
            return v2
        }

        function %twice(i64) -> i64 system_v {
            fn0 = %add(i64, i64) -> i64 system_v
        block0(v0: i64):
            v1 = call fn0(v0, v0)
            return v1
        }
        """;

    [TestMethod]
    public void Status_TellsPidIdentityAndBuilds()
    {
        using var server = new RunningServer();
        var status = server.Status();
        Assert.AreEqual(Environment.ProcessId, status.ProcessId);
        Assert.AreEqual(server.Server.Identity, status.Identity);
        Assert.AreEqual(0, status.BuildsServed);
        Assert.IsGreaterThan(0L, status.WorkingSetBytes);
        Assert.AreEqual(server.Server.Endpoint, ServerEndpoint.All(server.Directory).Single());
    }

    [TestMethod]
    public void ABuildThroughTheServer_GivesTheInProcessObject_AndItsLog()
    {
        using var server = new RunningServer();
        using var work = new TempDirectory();
        var source = work.Write("k.clif", Source);
        CompileRequest Request(string name) => new()
        {
            ProjectName = "K", Sources = [source], ObjectFile = work.File(name + ".o"), CacheFile = work.File(name + ".db"),
        };

        var options = new ServerClientOptions { Directory = server.Directory };
        Assert.IsTrue(ServerClient.TryBuild(Request("served"), options, CancellationToken.None, out var reply, out var reason, out _), reason);
        Assert.IsTrue(reply.Outcome.Succeeded);
        StringAssert.Contains(reply.Outcome.Summary, "2 functions, 0 cached, 2 compiled");
        Assert.IsTrue(reply.Log.Any(e => e.Text == reply.Outcome.Summary));

        var log = new BuildLog();
        Assert.IsTrue(CompileJob.Run(Request("local"), log, CancellationToken.None).Succeeded);
        CollectionAssert.AreEqual(File.ReadAllBytes(work.File("local.o")), File.ReadAllBytes(work.File("served.o")));
        Assert.AreEqual(1, server.Status().BuildsServed);
    }

    [TestMethod]
    public void ABuildFromAnotherCompilerVersion_IsRefused_AndNeverRun()
    {
        using var server = new RunningServer();
        using var work = new TempDirectory();
        var request = new CompileRequest { ProjectName = "K", Sources = [work.Write("k.clif", Source)], ObjectFile = work.File("k.o") };
        var reply = server.Exchange(new BuildMessage(request, TimeSpan.Zero).Encode(), identity: "9.9.9+0123456789abcdef");
        var e = Assert.ThrowsExactly<ProtocolException>(() => BuildReply.Decode(reply!));
        StringAssert.Contains(e.Message, "not 9.9.9+0123456789abcdef");
        Assert.IsFalse(File.Exists(work.File("k.o")));
        Assert.AreEqual(0, server.Status().BuildsServed);
    }

    [TestMethod]
    public void TheClient_NeverUsesAServerOfAnotherIdentity()
    {
        // A server answering at this compiler's name with another identity (a stale or foreign process) is not used.
        using var impostor = new RunningServer(identity: "0.0.1+ffffffffffffffff");
        var mine = ServerEndpoint.For(impostor.Directory, "0.0.1+ffffffffffffffff");
        var options = new ServerClientOptions { Directory = impostor.Directory, Identity = "0.0.1+ffffffffffffffff" };
        using (var connection = ServerClient.TryConnectOrStart(options, out var reason))
            Assert.AreEqual("0.0.1+ffffffffffffffff", connection?.Server.Identity, reason);
        Assert.AreNotEqual(mine, ServerEndpoint.For(impostor.Directory, CompilerIdentity.Current), "two identities share a socket name");
    }

    [TestMethod]
    public void OversizedAndMalformedRequests_AreRefusedWithAnError_AndTheServerKeepsServing()
    {
        using var server = new RunningServer();
        var huge = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(huge, 512 << 20);
        var refusal = server.SendRaw(huge);
        Assert.IsNotNull(refusal);
        Assert.AreEqual(MessageKind.Error, new MessageReader(refusal).Kind);
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(refusal), "outside the limit");

        // A request over the limit is refused on its header: the server reads none of it.
        var oversizedRequest = server.AfterHello(stream =>
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(header, ProtocolLimits.MaxRequestBytes + 1);
            stream.Write(header);
        });
        Assert.AreEqual(MessageKind.Error, new MessageReader(oversizedRequest!).Kind);
        var unknown = server.Exchange([77, 1, 2, 3]);
        Assert.AreEqual(MessageKind.Error, new MessageReader(unknown!).Kind);
        Assert.AreEqual(0, server.Status().BuildsServed);
    }

    [TestMethod]
    public void Garbage_Fuzz_NeverStopsTheServer()
    {
        // Seeded: a failure names its seed. Bounded: a fixed number of inputs, each with a deadline.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("STENCIL_SERVER_FUZZ_SEED"), out var s) ? s : 11;
        var random = new Random(seed);
        using var server = new RunningServer();
        using var work = new TempDirectory();
        var valid = new BuildMessage(MessageTests.SampleRequest(work.Path) with { Sources = [work.Path + "/missing.clif"], CacheFile = null, SharedLibrary = null, RemoteCache = null }, TimeSpan.Zero).Encode();
        var hello = Hello.ForThisProcess(server.Server.Identity).Encode(MessageKind.Hello);
        var started = DateTime.UtcNow;
        for (var i = 0; i < 300; i++)
        {
            byte[] input = (i % 4) switch
            {
                0 => Random(random, random.Next(1, 64)),
                1 => [.. Framed(Random(random, random.Next(1, 256))), .. Random(random, random.Next(0, 8))],
                2 => [.. Framed(hello), .. Framed(Mutate(random, valid))],
                _ => [.. Framed(Mutate(random, hello)), .. Framed(valid)],
            };
            try { server.SendRaw(input); }
            catch (System.Net.Sockets.SocketException) { } // the server may close before reading everything
            if (i % 50 == 49)
                Assert.AreEqual(Environment.ProcessId, server.Status().ProcessId, $"seed {seed}, input {i}: the server stopped answering");
        }
        Assert.IsFalse(server.Run.IsCompleted, $"seed {seed}: the server stopped");
        Assert.IsLessThan(TimeSpan.FromMinutes(2), DateTime.UtcNow - started);
    }

    [TestMethod]
    public void IdleTimeout_StopsTheServer_AndRemovesItsSocket()
    {
        using var server = new RunningServer(idleTimeout: TimeSpan.FromMilliseconds(400));
        Assert.IsTrue(server.Run.Wait(TimeSpan.FromSeconds(20)), "the server did not stop when idle");
        server.Server.Dispose();
        Assert.IsFalse(File.Exists(server.Server.Endpoint.SocketPath));
    }

    [TestMethod]
    public void ASecondServerOfTheSameIdentity_DoesNotStart()
    {
        using var server = new RunningServer();
        var second = Hosting.CompilerServer.TryStart(new Hosting.ServerOptions(server.Directory, TimeSpan.FromMinutes(1)), out var problem);
        Assert.IsNull(second);
        StringAssert.Contains(problem, "another server");
        Assert.AreEqual(Environment.ProcessId, server.Status().ProcessId);
    }

    [TestMethod]
    public void AFolderOthersCanEnter_IsNotUsed()
    {
        if (!OperatingSystem.IsLinux())
        {
            Prerequisite.Missing("Linux (the compiler server is Linux-only)");
            return;
        }
        using var folder = new TempDirectory();
        File.SetUnixFileMode(folder.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        Assert.IsFalse(ServerDirectory.TryPrepare(folder.Path, out var problem));
        StringAssert.Contains(problem, "not 700");
        var options = new ServerClientOptions { Directory = folder.Path };
        Assert.IsNull(ServerClient.TryConnectOrStart(options, out var reason));
        StringAssert.StartsWith(reason, "unsafe server folder");
    }

    private static byte[] Random(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Framed(byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        return frame;
    }

    private static byte[] Mutate(Random random, byte[] message)
    {
        var copy = (byte[])message.Clone();
        switch (random.Next(3))
        {
            case 0:
                for (var flips = random.Next(1, 4); flips > 0; flips--) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            case 1:
                return copy[..random.Next(1, copy.Length)];
            default:
                var at = random.Next(copy.Length);
                return [.. copy[..at], .. Random(random, random.Next(1, 16)), .. copy[at..]];
        }
    }
}
