using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using StackExchange.Redis;

namespace Stencil.Integration.Tests;

/// <summary>
/// A private redis-server for one test: loopback only, a free port, no persistence, killed on dispose.
/// It can be paused (SIGSTOP: a server that accepts connections and never answers) and killed (SIGKILL).
/// </summary>
internal sealed partial class RedisServer : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private ConnectionMultiplexer? _admin;

    private RedisServer(Process process, int port, string? password)
    {
        _process = process;
        Port = port;
        Password = password;
    }

    public int Port { get; }
    public string? Password { get; }
    public string Address => Password is null ? $"redis://127.0.0.1:{Port}" : $"redis://:{Password}@127.0.0.1:{Port}";

    public static RedisServer Start(string? password = null)
    {
        var executable = Prerequisite.RequireTool("redis-server");
        for (int attempt = 0; ; attempt++)
        {
            int port = LoopbackPort.Unused();
            var info = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--protected-mode", "yes",
                         "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning", "--dir", Path.GetTempPath() })
                info.ArgumentList.Add(argument);
            if (password is not null) { info.ArgumentList.Add("--requirepass"); info.ArgumentList.Add(password); }
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new RedisServer(process, port, password);
            if (server.WaitUntilReady()) return server;
            server.Dispose();
            // Another process may have taken the port between probing and binding.
            if (attempt == 2) throw new InvalidOperationException($"redis-server did not start on a free port in {attempt + 1} attempts.");
        }
    }

    /// <summary>A client for seeding and inspecting the server (admin commands allowed).</summary>
    public ConnectionMultiplexer Admin => _admin ??= ConnectionMultiplexer.Connect(new ConfigurationOptions
    {
        EndPoints = { { IPAddress.Loopback, Port } },
        Password = Password,
        AllowAdmin = true,
        ConnectTimeout = 5000,
    });

    /// <summary>Every key under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<RedisKey> Keys(string prefix) => [.. Admin.GetServer(IPAddress.Loopback, Port).Keys(pattern: prefix + "*")];

    public long DatabaseSize() => Admin.GetServer(IPAddress.Loopback, Port).DatabaseSize();

    public void Pause() => Signal(SIGSTOP);
    public void Resume() => Signal(SIGCONT);

    /// <summary>SIGKILL, as a crash or an OOM killer would: no goodbye to any client.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        Signal(SIGCONT);
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public bool HasExited => _process.HasExited;

    private bool WaitUntilReady()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartLimit && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                stream.ReadTimeout = 2000;
                stream.Write("PING\r\n"u8);
                var buffer = new byte[64];
                int n = stream.Read(buffer);
                var reply = Encoding.ASCII.GetString(buffer, 0, n);
                // Without the password the server still answers, which is all "ready" means.
                if (reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith("-NOAUTH", StringComparison.Ordinal)) return true;
            }
            catch (Exception e) when (e is SocketException or IOException) { }
            Thread.Sleep(50);
        }
        return false;
    }

    private const int SIGCONT = 18, SIGSTOP = 19;

    private void Signal(int signal)
    {
        if (!_process.HasExited) _ = kill(_process.Id, signal);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    public void Dispose()
    {
        _admin?.Dispose();
        Kill();
        _process.Dispose();
    }
}
