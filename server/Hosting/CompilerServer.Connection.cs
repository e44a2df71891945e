using System.Net.Sockets;
using Stencil.Server.Building;
using Stencil.Server.Endpoint;
using Stencil.Server.Protocol;

namespace Stencil.Server.Hosting;

public sealed partial class CompilerServer
{
    /// <summary>
    /// One connection: hello both ways, one request, one reply. Anything malformed is answered with an error message and
    /// the connection closed; the server itself goes on serving.
    /// </summary>
    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (!PeerCredentials.TryGetUser(socket, out var uid) || uid != PeerCredentials.CurrentUser)
            {
                _log.Write($"refused a connection from user {uid}");
                return;
            }
            using var requestTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            requestTimeout.CancelAfter(_options.RequestTimeout);
            var helloBytes = await Frames.ReadAsync(stream, ProtocolLimits.MaxStringBytes, requestTimeout.Token).ConfigureAwait(false);
            if (helloBytes is null) return;
            var hello = Hello.Decode(helloBytes, MessageKind.Hello);
            await Frames.WriteAsync(stream, Hello.ForThisProcess(Identity).Encode(MessageKind.HelloReply), requestTimeout.Token).ConfigureAwait(false);
            var message = await Frames.ReadAsync(stream, ProtocolLimits.MaxRequestBytes, requestTimeout.Token).ConfigureAwait(false);
            if (message is null) return;
            var reply = new MessageReader(message).Kind switch
            {
                MessageKind.Status => StatusOf(message).Encode(),
                MessageKind.Stop => StopOn(message),
                MessageKind.Build when hello.ProtocolVersion != Hello.CurrentVersion || hello.Identity != Identity =>
                    ErrorMessage.Encode($"this server is compiler {Identity}, not {hello.Identity}"),
                MessageKind.Build => await BuildAsync(message, stream).ConfigureAwait(false),
                var kind => ErrorMessage.Encode($"unexpected message kind {(byte)kind}"),
            };
            if (reply is not null)
                await Frames.WriteAsync(stream, reply, _stopping.IsCancellationRequested ? CancellationToken.None : _stopping.Token).ConfigureAwait(false);
        }
        catch (ProtocolException ex)
        {
            _log.Write("refused a malformed message: " + ex.Message);
            await TrySendAsync(stream, ErrorMessage.Encode("malformed message: " + ex.Message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or was too slow; nothing to answer.
        }
        catch (Exception ex)
        {
            _log.Write("internal error serving a connection: " + ex);
            await TrySendAsync(stream, ErrorMessage.Encode("internal error in the compiler server: " + ExceptionText.Describe(ex))).ConfigureAwait(false);
        }
        finally
        {
            Touch();
            Interlocked.Decrement(ref _openConnections);
        }
    }

    private static async Task TrySendAsync(Stream stream, byte[] message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await Frames.WriteAsync(stream, message, timeout.Token).ConfigureAwait(false); }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private ServerStatus StatusOf(byte[] message)
    {
        new MessageReader(message).End();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new ServerStatus(Environment.ProcessId, Identity, _startedUtc, BuildsServed, Volatile.Read(ref _activeBuilds),
            process.WorkingSet64, IdleTimeout);
    }

    private byte[] StopOn(byte[] message)
    {
        new MessageReader(message).End();
        Stop("asked to stop");
        return new MessageWriter(MessageKind.StopReply).ToArray();
    }

    /// <summary>Runs the build; a client that disconnects meanwhile cancels it (its build falls back or was canceled).</summary>
    private async Task<byte[]?> BuildAsync(byte[] message, NetworkStream stream)
    {
        var build = BuildMessage.Decode(message);
        if (build.IdleTimeout > TimeSpan.Zero) Interlocked.Exchange(ref _idleTimeoutTicks, build.IdleTimeout.Ticks);
        using var gone = new CancellationTokenSource();
        var watch = WatchForHangUpAsync(stream, gone);
        Interlocked.Increment(ref _activeBuilds);
        try
        {
            var log = new BuildLog();
            var outcome = await Task.Run(() => CompileJob.Run(build.Request, log, gone.Token)).ConfigureAwait(false);
            Interlocked.Increment(ref _buildsServed);
            return new BuildReply(outcome, log.Entries).Encode();
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref _activeBuilds);
            _ = watch;
        }
    }

    // After its request a client only waits; the one byte it could send is its end of stream.
    private static async Task WatchForHangUpAsync(NetworkStream stream, CancellationTokenSource gone)
    {
        var buffer = new byte[1];
        try { await stream.ReadAsync(buffer).ConfigureAwait(false); }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException) { }
        try { gone.Cancel(); }
        catch (ObjectDisposedException) { }
    }
}
