using System.Runtime.InteropServices;

namespace Stencil.Engine.Jit;

/// <summary>The few libc calls executable memory needs (Linux x86-64 constants).</summary>
internal static partial class PosixMemory
{
    public const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    public const int MapShared = 0x01, MapPrivate = 0x02, MapAnonymous = 0x20;
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    public static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    public static int PageSize => Environment.SystemPageSize;

    public static nuint RoundToPages(long bytes)
    {
        long page = PageSize;
        return (nuint)Math.Max(page, (bytes + page - 1) / page * page);
    }
}
