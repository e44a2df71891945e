using System.Runtime.InteropServices;

namespace Stencil.Server.Endpoint;

/// <summary>The few POSIX calls .NET does not wrap.</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint GetUid();

    /// <summary>Starts a new session, so the server outlives the terminal and the build that started it (and their signals).</summary>
    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static partial int SetSid();
}
