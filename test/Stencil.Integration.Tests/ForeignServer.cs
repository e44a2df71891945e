using System.Net.Sockets;
using Stencil.Server.Endpoint;
using Stencil.Server.Protocol;

namespace Stencil.Integration.Tests;

/// <summary>
/// Poses as a compiler server of another version at a given name: it answers every hello with its own identity and
/// counts the build requests it receives (which must be none).
/// </summary>
internal sealed class ForeignServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task _accepting;
    private int _hellos;
    private int _builds;

    public ForeignServer(ServerEndpoint endpoint, string identity)
    {
        _listener.Bind(new UnixDomainSocketEndPoint(endpoint.SocketPath));
        _listener.Listen(8);
        _accepting = Task.Run(async () =>
        {
            while (true)
            {
                Socket client;
                try { client = await _listener.AcceptAsync(); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
                using var stream = new NetworkStream(client, ownsSocket: true);
                try
                {
                    if (await Frames.ReadAsync(stream, ProtocolLimits.MaxStringBytes, CancellationToken.None) is null) continue;
                    Interlocked.Increment(ref _hellos);
                    await Frames.WriteAsync(stream, Hello.ForThisProcess(identity).Encode(MessageKind.HelloReply), CancellationToken.None);
                    if (await Frames.ReadAsync(stream, ProtocolLimits.MaxRequestBytes, CancellationToken.None) is { } request
                        && new MessageReader(request).Kind == MessageKind.Build)
                        Interlocked.Increment(ref _builds);
                }
                catch (Exception e) when (e is IOException or SocketException or ProtocolException) { }
            }
        });
    }

    public int Hellos => Volatile.Read(ref _hellos);
    public int Builds => Volatile.Read(ref _builds);

    public void Dispose()
    {
        _listener.Dispose();
        _accepting.Wait(TimeSpan.FromSeconds(10));
    }
}
