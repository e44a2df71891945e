using Stencil.Server.Endpoint;
using Stencil.Server.Protocol;

namespace Stencil.Server.Client;

/// <summary>Status and stop for <c>stencil server</c> and the tests: answered by a server of any identity.</summary>
public static class ServerControl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static ServerStatus? TryGetStatus(ServerEndpoint endpoint, out string reason)
    {
        using var connection = ServerConnection.TryOpen(endpoint, CompilerIdentity.Current, Timeout, out reason);
        if (connection is null) return null;
        try
        {
            using var deadline = new CancellationTokenSource(Timeout);
            var answer = connection.Exchange(new MessageWriter(MessageKind.Status).ToArray(), ProtocolLimits.MaxStringBytes, deadline.Token);
            if (answer is not null) return ServerStatus.Decode(answer);
            reason = "the server closed the connection";
        }
        catch (Exception ex) when (ex is ProtocolException or IOException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            reason = ex.Message;
        }
        return null;
    }

    /// <summary>Asks the server to stop (builds in progress finish first); true when it acknowledged.</summary>
    public static bool TryStop(ServerEndpoint endpoint, out string reason)
    {
        using var connection = ServerConnection.TryOpen(endpoint, CompilerIdentity.Current, Timeout, out reason);
        if (connection is null) return false;
        try
        {
            using var deadline = new CancellationTokenSource(Timeout);
            var answer = connection.Exchange(new MessageWriter(MessageKind.Stop).ToArray(), ProtocolLimits.MaxStringBytes, deadline.Token);
            if (answer is not null)
            {
                new MessageReader(answer).Expect(MessageKind.StopReply).End();
                return true;
            }
            reason = "the server closed the connection";
        }
        catch (Exception ex) when (ex is ProtocolException or IOException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            reason = ex.Message;
        }
        return false;
    }
}
