namespace Stencil.Server.Endpoint;

/// <summary>
/// The per-user folder holding the servers' sockets: <c>$STENCIL_SERVER_DIR</c> (tests, benchmarks), else
/// <c>$XDG_RUNTIME_DIR/stencil</c>, else <c>/tmp/stencil-UID</c>. It is created with mode 0700 and used only while its
/// mode is exactly that, so no other user can reach a socket in it.
/// </summary>
public static class ServerDirectory
{
    public const string EnvironmentVariable = "STENCIL_SERVER_DIR";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static string Default
    {
        get
        {
            if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured) return Path.GetFullPath(configured);
            if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime))
                return Path.Combine(runtime, "stencil");
            return Path.Combine("/tmp", "stencil-" + PeerCredentials.CurrentUser);
        }
    }

    /// <summary>Creates <paramref name="path"/> (mode 0700) if needed; false with a reason when it is not private to this user.</summary>
    public static bool TryPrepare(string path, out string? problem)
    {
        problem = null;
        if (!OperatingSystem.IsLinux())
        {
            problem = "the compiler server needs Linux (Unix domain socket peer credentials)";
            return false;
        }
        try
        {
            if (!Directory.Exists(path)) Directory.CreateDirectory(path, OwnerOnly);
            var mode = File.GetUnixFileMode(path);
            if (mode != OwnerOnly)
                problem = $"{path} has mode {Convert.ToString((int)mode, 8)}, not 700";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: {ex.Message}";
        }
        return problem is null;
    }
}
