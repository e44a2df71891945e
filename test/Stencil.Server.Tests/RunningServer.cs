using System.Net.Sockets;
using Stencil.Server.Hosting;
using Stencil.Server.Protocol;

namespace Stencil.Server.Tests;

/// <summary>A real <see cref="CompilerServer"/> in this process, on a real socket in a private folder; stopped on dispose.</summary>
internal sealed class RunningServer : IDisposable
{
    private readonly TempDirectory _folder = new("stn-srv");
    private readonly Task _run;

    public RunningServer(TimeSpan? idleTimeout = null, string? identity = null)
    {
        var options = new ServerOptions(Path.Combine(_folder.Path, "s"), idleTimeout ?? TimeSpan.FromMinutes(5)) { Identity = identity, RequestTimeout = TimeSpan.FromSeconds(3) };
        Server = CompilerServer.TryStart(options, out var problem) ?? throw new InvalidOperationException(problem);
        Directory = options.Directory;
        _run = Task.Run(Server.RunAsync);
    }

    public CompilerServer Server { get; }
    public string Directory { get; }
    public Task Run => _run;

    public Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(Server.Endpoint.SocketPath));
        return socket;
    }

    /// <summary>Sends <paramref name="bytes"/> raw, then reads one reply frame (null when the server just closed).</summary>
    public byte[]? SendRaw(byte[] bytes, bool shutdown = true)
    {
        using var socket = Connect();
        using var stream = new NetworkStream(socket);
        stream.Write(bytes);
        if (shutdown) socket.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { return Frames.ReadAsync(stream, ProtocolLimits.MaxReplyBytes, timeout.Token).GetAwaiter().GetResult(); }
        catch (IOException) { return null; }
    }

    /// <summary>Hello with <paramref name="identity"/>, then <paramref name="message"/>; the reply to the message.</summary>
    public byte[]? Exchange(byte[] message, string? identity = null) => AfterHello(stream =>
        Frames.WriteAsync(stream, message, CancellationToken.None).GetAwaiter().GetResult(), identity);

    /// <summary>Hello, then whatever <paramref name="send"/> writes; the reply.</summary>
    public byte[]? AfterHello(Action<Stream> send, string? identity = null)
    {
        using var socket = Connect();
        using var stream = new NetworkStream(socket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Frames.WriteAsync(stream, Hello.ForThisProcess(identity ?? Server.Identity).Encode(MessageKind.Hello), timeout.Token).GetAwaiter().GetResult();
        var hello = Frames.ReadAsync(stream, ProtocolLimits.MaxStringBytes, timeout.Token).GetAwaiter().GetResult();
        Assert.IsNotNull(hello, "the server answered no hello");
        Hello.Decode(hello, MessageKind.HelloReply);
        send(stream);
        return Frames.ReadAsync(stream, ProtocolLimits.MaxReplyBytes, timeout.Token).GetAwaiter().GetResult();
    }

    public ServerStatus Status() =>
        ServerStatus.Decode(Exchange(new MessageWriter(MessageKind.Status).ToArray()) ?? throw new AssertFailedException("no status reply"));

    public void Dispose()
    {
        Server.Stop("test over");
        _run.Wait(TimeSpan.FromSeconds(30));
        Server.Dispose();
        _folder.Dispose();
    }
}
