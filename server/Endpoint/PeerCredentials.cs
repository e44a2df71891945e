using System.Buffers.Binary;
using System.Net.Sockets;

namespace Stencil.Server.Endpoint;

/// <summary>
/// The user on the other end of a Unix domain socket (Linux <c>SO_PEERCRED</c>, filled in by the kernel, so it cannot be
/// forged). Both sides check it: the server serves only its own user, and a build talks only to a server of its own user.
/// </summary>
public static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>This process's real user id.</summary>
    public static uint CurrentUser { get; } = Libc.GetUid();

    public static bool TryGetUser(Socket socket, out uint uid)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> credentials = stackalloc byte[12];
        uid = uint.MaxValue;
        try
        {
            if (socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) != credentials.Length) return false;
        }
        catch (SocketException)
        {
            return false;
        }
        uid = BinaryPrimitives.ReadUInt32LittleEndian(credentials[4..]);
        return true;
    }

    public static bool IsSameUser(Socket socket) => TryGetUser(socket, out var uid) && uid == CurrentUser;
}
