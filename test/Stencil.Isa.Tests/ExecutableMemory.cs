using System.Runtime.InteropServices;

namespace Stencil.Isa.Tests;

/// <summary>An anonymous mapping written while read-write, then flipped to read-execute (W^X) so the
/// tests can call compiled code. Linux x86-64 only, like the backend under test.</summary>
internal sealed unsafe partial class ExecutableMemory : IDisposable
{
    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    private const int MapPrivate = 0x02, MapAnonymous = 0x20;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint addr, nuint length);

    private readonly nuint _size;
    private bool _executable;

    public ExecutableMemory(int size)
    {
        _size = (nuint)((size + 4095) & ~4095);
        Address = mmap(0, _size, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (Address == -1) throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public nint Address { get; }

    public Span<byte> Writable => _executable ? throw new InvalidOperationException("the mapping is executable now") : new Span<byte>((void*)Address, (int)_size);

    public void MakeExecutable()
    {
        if (mprotect(Address, _size, ProtRead | ProtExec) != 0) throw new InvalidOperationException($"mprotect failed: errno {Marshal.GetLastPInvokeError()}");
        _executable = true;
    }

    public void Dispose() => munmap(Address, _size);
}
