using System.Net;
using System.Net.Sockets;

namespace Stencil.Testing;

/// <summary>TCP ports on 127.0.0.1 for tests that run a local server (or need one that is not there).</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on at the moment of the call: free for a server to take, or closed for a client to fail on.</summary>
    public static int Unused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
