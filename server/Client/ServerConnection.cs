using System.Net.Sockets;
using Stencil.Server.Endpoint;
using Stencil.Server.Protocol;

namespace Stencil.Server.Client;

/// <summary>
/// A connected, greeted channel to one server: the socket is connected, the server's user checked (it must be ours),
/// and hellos exchanged. What the server said about itself is <see cref="Server"/>.
/// </summary>
public sealed class ServerConnection : IDisposable
{
    private readonly NetworkStream _stream;

    private ServerConnection(NetworkStream stream, Hello server)
    {
        _stream = stream;
        Server = server;
    }

    public Hello Server { get; }

    /// <summary>Null with a reason when nothing listens at <paramref name="endpoint"/> or it is not a server of this user.</summary>
    public static ServerConnection? TryOpen(ServerEndpoint endpoint, string identity, TimeSpan timeout, out string reason)
    {
        reason = "";
        if (!File.Exists(endpoint.SocketPath))
        {
            reason = "not running";
            return null;
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.SocketPath), deadline.Token).AsTask().GetAwaiter().GetResult();
            if (!PeerCredentials.IsSameUser(socket))
            {
                socket.Dispose();
                reason = "the socket belongs to another user";
                return null;
            }
            var stream = new NetworkStream(socket, ownsSocket: true);
            Frames.WriteAsync(stream, Hello.ForThisProcess(identity).Encode(MessageKind.Hello), deadline.Token).GetAwaiter().GetResult();
            var answer = Frames.ReadAsync(stream, ProtocolLimits.MaxStringBytes, deadline.Token).GetAwaiter().GetResult();
            if (answer is null)
            {
                stream.Dispose();
                reason = "the server closed the connection";
                return null;
            }
            return new ServerConnection(stream, Hello.Decode(answer, MessageKind.HelloReply));
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            reason = "connect timeout";
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            socket.Dispose();
            reason = "not running";
            return null;
        }
        catch (Exception ex) when (ex is SocketException or IOException or ProtocolException)
        {
            socket.Dispose();
            reason = ex is ProtocolException ? "protocol error: " + ex.Message : "connect failed: " + ex.Message;
            return null;
        }
    }

    /// <summary>Sends one request and waits for its reply; null when the connection ends first (the server died).</summary>
    public byte[]? Exchange(byte[] request, int maxReplyBytes, CancellationToken cancellation)
    {
        Frames.WriteAsync(_stream, request, cancellation).GetAwaiter().GetResult();
        return Frames.ReadAsync(_stream, maxReplyBytes, cancellation).GetAwaiter().GetResult();
    }

    public void Dispose() => _stream.Dispose();
}
