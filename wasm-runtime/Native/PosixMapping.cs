using System.Runtime.InteropServices;

namespace Stencil.Wasm.Runtime.Native;

/// <summary>The libc calls the runtime maps memory with (Linux x86-64 constants). The runtime cannot use the
/// engine's copy: an app references this assembly alone.</summary>
internal static partial class PosixMapping
{
    public const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    public const int MapPrivate = 0x02, MapAnonymous = 0x20, MapNoReserve = 0x4000;
    private static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);

    /// <summary>Anonymous private pages; <see cref="ProtNone"/> with <see cref="MapNoReserve"/> reserves address space only.</summary>
    public static nint Map(nuint length, int protection, int extraFlags = 0)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the WebAssembly runtime is only implemented for Linux x86-64");
        var address = Mmap(0, length, protection, MapPrivate | MapAnonymous | extraFlags, -1, 0);
        if (address == MapFailed) throw new OutOfMemoryException($"mmap of {length} bytes failed (errno {Marshal.GetLastPInvokeError()})");
        return address;
    }

    public static void Protect(nint address, nuint length, int protection)
    {
        if (Mprotect(address, length, protection) != 0)
            throw new OutOfMemoryException($"mprotect of {length} bytes failed (errno {Marshal.GetLastPInvokeError()})");
    }

    public static void Unmap(nint address, nuint length) => Munmap(address, length);
}
