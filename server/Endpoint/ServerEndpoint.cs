using System.Security.Cryptography;
using System.Text;

namespace Stencil.Server.Endpoint;

/// <summary>
/// The files of one server in a <see cref="ServerDirectory"/>, named from the user and the compiler identity: the socket,
/// the lock its owner holds for its whole life (only the holder binds the socket), and its pid (for scripts).
/// </summary>
public sealed record ServerEndpoint(string Directory, string Name)
{
    public string SocketPath => Path.Combine(Directory, Name + ".sock");
    public string LockPath => Path.Combine(Directory, Name + ".lock");
    public string PidPath => Path.Combine(Directory, Name + ".pid");

    public static ServerEndpoint For(string directory, string identity)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{PeerCredentials.CurrentUser}\n{identity}"));
        return new ServerEndpoint(directory, "stencil-" + Convert.ToHexStringLower(digest)[..20]);
    }

    /// <summary>Every server socket in <paramref name="directory"/>, whatever its identity.</summary>
    public static IReadOnlyList<ServerEndpoint> All(string directory) =>
        System.IO.Directory.Exists(directory)
            ? [.. System.IO.Directory.GetFiles(directory, "stencil-*.sock").Order(StringComparer.Ordinal)
                .Select(p => new ServerEndpoint(directory, Path.GetFileNameWithoutExtension(p)))]
            : [];
}
