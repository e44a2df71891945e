using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Stencil.Server.Building;
using Stencil.Server.Endpoint;
using Stencil.Server.Protocol;

namespace Stencil.Server.Client;

/// <summary>
/// Runs a build in the compiler server of this user and compiler identity, starting one if none is running. Every way it
/// can fail (no server and none can start, a timeout, a server of another version at the name, a server that dies
/// mid-build, a malformed reply) is a false with a short reason, for the task's one fallback message; it never throws
/// for them.
/// </summary>
public static class ServerClient
{
    public static bool TryBuild(CompileRequest request, ServerClientOptions options, CancellationToken cancellation,
        [NotNullWhen(true)] out BuildReply? reply, out string reason, out double connectMs)
    {
        reply = null;
        var started = Stopwatch.GetTimestamp();
        using var connection = TryConnectOrStart(options, out reason);
        connectMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (connection is null) return false;
        var identity = options.Identity ?? CompilerIdentity.Current;
        if (connection.Server.Identity != identity || connection.Server.ProtocolVersion != Hello.CurrentVersion)
        {
            reason = "server of another version";
            return false;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(options.BuildTimeout);
        try
        {
            var answer = connection.Exchange(new BuildMessage(request, options.IdleTimeout).Encode(), ProtocolLimits.MaxReplyBytes, deadline.Token);
            if (answer is null)
            {
                reason = "the server closed the connection";
                return false;
            }
            reply = BuildReply.Decode(answer);
            return true;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            reason = "build timeout";
        }
        catch (ProtocolException ex)
        {
            reason = "protocol error: " + ex.Message;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            reason = "the connection failed: " + ex.Message;
        }
        return false;
    }

    /// <summary>A connection to the server of this identity, which is started if nothing listens at its name.</summary>
    public static ServerConnection? TryConnectOrStart(ServerClientOptions options, out string reason)
    {
        if (!ServerDirectory.TryPrepare(options.Directory, out var unsafeFolder))
        {
            reason = "unsafe server folder: " + unsafeFolder;
            return null;
        }
        var identity = options.Identity ?? CompilerIdentity.Current;
        var endpoint = ServerEndpoint.For(options.Directory, identity);
        var connection = ServerConnection.TryOpen(endpoint, identity, options.ConnectTimeout, out reason);
        if (connection is not null || reason != "not running") return connection;

        if (!ServerLauncher.TryStart(options.Directory, options.IdleTimeout, out var problem))
        {
            reason = "cannot start: " + problem;
            return null;
        }
        var deadline = Stopwatch.GetTimestamp() + (long)(options.StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(15);
            connection = ServerConnection.TryOpen(endpoint, identity, options.ConnectTimeout, out reason);
            if (connection is not null || reason != "not running") return connection;
        }
        reason = "start timeout";
        return null;
    }
}
