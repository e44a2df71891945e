using System.Net;
using System.Net.Sockets;

namespace Stencil.Integration.Tests;

/// <summary>
/// A loopback TCP relay in front of a <see cref="RedisServer"/> that SIGKILLs the server the moment a client sends
/// its first GET: the connection and handshake have happened, the build is waiting on its lookups. That puts the
/// kill mid-build at the same point every run, where a timer would race the build.
/// </summary>
internal sealed class KillingProxy : IDisposable
{
    // A GET of one key, as RESP frames it: an array of two bulk strings, the first "GET".
    private static readonly byte[] GetCommand = "*2\r\n$3\r\nGET\r\n"u8.ToArray();
    private readonly TcpListener _listener;
    private readonly RedisServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];

    public KillingProxy(RedisServer server)
    {
        _server = server;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }
    public string Address => $"redis://127.0.0.1:{Port}";
    public bool Killed { get; private set; }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var upstream = new TcpClient();
                try { await upstream.ConnectAsync(IPAddress.Loopback, _server.Port, _stop.Token); }
                catch (SocketException) { client.Dispose(); upstream.Dispose(); continue; }
                lock (_clients) _clients.AddRange([client, upstream]);
                _ = PumpAsync(client.GetStream(), upstream.GetStream(), watchForGet: true);
                _ = PumpAsync(upstream.GetStream(), client.GetStream(), watchForGet: false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool watchForGet)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0) break;
                if (watchForGet && buffer.AsSpan(0, n).IndexOf(GetCommand) >= 0)
                {
                    _server.Kill();
                    Killed = true;
                }
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException) { }
        // One side gone: close both, as the server's death closes its sockets.
        from.Close();
        to.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients) foreach (var client in _clients) client.Dispose();
        _stop.Dispose();
    }
}
