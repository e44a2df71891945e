using System.Net.Sockets;
using Stencil.Server.Endpoint;

namespace Stencil.Server.Hosting;

/// <summary>
/// The compiler server: one process per user and compiler identity, listening on a Unix domain socket, serving each
/// connection on its own task (builds of different projects run concurrently; builds of one cache file are ordered by
/// that file's lock). It holds <c>NAME.lock</c> for its whole life, so exactly one server binds a socket name, and exits
/// after its idle timeout with no build running, or when asked to stop.
/// </summary>
public sealed partial class CompilerServer : IDisposable
{
    private readonly ServerOptions _options;
    private readonly FileStream _lock;
    private readonly Socket _listener;
    private readonly ServerLog _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly DateTime _startedUtc = DateTime.UtcNow;
    private long _idleTimeoutTicks;
    private long _lastActivity = Environment.TickCount64;
    private long _buildsServed;
    private int _activeBuilds;
    private int _openConnections;
    private int _disposed;

    private CompilerServer(ServerOptions options, string identity, ServerEndpoint endpoint, FileStream lockFile, Socket listener)
    {
        _options = options;
        Identity = identity;
        Endpoint = endpoint;
        _lock = lockFile;
        _listener = listener;
        _idleTimeoutTicks = options.IdleTimeout.Ticks;
        _log = new ServerLog(Path.ChangeExtension(endpoint.SocketPath, ".log"));
    }

    public string Identity { get; }
    public ServerEndpoint Endpoint { get; }
    public long BuildsServed => Interlocked.Read(ref _buildsServed);
    private TimeSpan IdleTimeout => TimeSpan.FromTicks(Interlocked.Read(ref _idleTimeoutTicks));

    /// <summary>Binds the socket; null with a reason when the folder is not private or another server holds the name.</summary>
    public static CompilerServer? TryStart(ServerOptions options, out string? problem)
    {
        if (!ServerDirectory.TryPrepare(options.Directory, out problem)) return null;
        var identity = options.Identity ?? CompilerIdentity.Current;
        var endpoint = ServerEndpoint.For(options.Directory, identity);
        FileStream lockFile;
        try
        {
            // FileShare.None is an exclusive flock on Unix: held until this process ends, however it ends.
            lockFile = new FileStream(endpoint.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            problem = "another server holds " + endpoint.LockPath;
            return null;
        }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // Only the lock's holder gets here, so a socket file left behind is a dead server's.
            File.Delete(endpoint.SocketPath);
            listener.Bind(new UnixDomainSocketEndPoint(endpoint.SocketPath));
            listener.Listen(64);
            File.WriteAllText(endpoint.PidPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
        {
            listener.Dispose();
            lockFile.Dispose();
            problem = $"cannot listen on {endpoint.SocketPath}: {ex.Message}";
            return null;
        }
        var server = new CompilerServer(options, identity, endpoint, lockFile, listener);
        File.WriteAllText(Path.ChangeExtension(endpoint.SocketPath, ".log"), "");
        server._log.Write($"started: identity {identity}, idle timeout {options.IdleTimeout.TotalSeconds} s");
        return server;
    }

    /// <summary>Serves until stopped or idle for the idle timeout.</summary>
    public async Task RunAsync()
    {
        var watchdog = WatchIdleAsync();
        var connections = new List<Task>();
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            catch (SocketException ex)
            {
                _log.Write("accept failed: " + ex.Message);
                continue;
            }
            Touch();
            Interlocked.Increment(ref _openConnections);
            connections.Add(Task.Run(() => ServeAsync(client)));
            connections.RemoveAll(t => t.IsCompleted);
        }
        await watchdog.ConfigureAwait(false);
        // Builds in progress finish and are answered; nothing new is accepted.
        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    public void Stop(string reason)
    {
        if (Volatile.Read(ref _disposed) != 0 || _stopping.IsCancellationRequested) return;
        _log.Write("stopping: " + reason);
        _stopping.Cancel();
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    private async Task WatchIdleAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var idle = IdleTimeout;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(idle.TotalMilliseconds / 8, 50, 1000)), _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            var quietFor = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastActivity));
            if (Volatile.Read(ref _openConnections) == 0 && quietFor >= idle)
                Stop($"idle for {idle.TotalSeconds} s");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        _listener.Dispose();
        // Still the lock's holder: these files are ours to remove. The lock file itself stays (as the cache's does).
        try
        {
            File.Delete(Endpoint.SocketPath);
            File.Delete(Endpoint.PidPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        _log.Write("exited");
        _lock.Dispose();
    }
}
