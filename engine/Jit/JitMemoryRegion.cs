namespace Stencil.Engine.Jit;

/// <summary>
/// One anonymous mapping, whole pages. Starts read-write; <see cref="Protect"/> changes what the pages allow, so
/// code is written while writable and only then made executable (never both at once).
/// </summary>
public sealed class JitMemoryRegion : IDisposable
{
    private nint _address;

    private JitMemoryRegion(nint address, nuint size, bool shared)
    {
        _address = address;
        Size = size;
        Shared = shared;
        Protection = JitProtection.ReadWrite;
    }

    /// <summary>Maps at least <paramref name="bytes"/> bytes read-write; <paramref name="shared"/> mappings stay
    /// shared with child processes forked later (their writes are seen here).</summary>
    public static JitMemoryRegion Allocate(long bytes, bool shared = false) => Allocate(bytes, shared, 0);

    /// <summary>As <see cref="Allocate(long, bool)"/>, asking the kernel for <paramref name="hint"/> as the address
    /// (honoured when free; tests use it to place code far from the module).</summary>
    public static JitMemoryRegion Allocate(long bytes, bool shared, nint hint)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("executable memory is only implemented for Linux");
        var size = PosixMemory.RoundToPages(bytes);
        var flags = PosixMemory.MapAnonymous | (shared ? PosixMemory.MapShared : PosixMemory.MapPrivate);
        var address = PosixMemory.Mmap(hint, size, PosixMemory.ProtRead | PosixMemory.ProtWrite, flags, -1, 0);
        if (address == PosixMemory.MapFailed)
            throw new InvalidOperationException($"mmap of {size} bytes failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        return new JitMemoryRegion(address, size, shared);
    }

    public nint Address => _address != 0 ? _address : throw new ObjectDisposedException(nameof(JitMemoryRegion));
    public nuint Size { get; }
    public bool Shared { get; }
    public JitProtection Protection { get; private set; }

    public unsafe Span<byte> Bytes => Protection == JitProtection.ReadWrite
        ? new Span<byte>((void*)Address, checked((int)Size))
        : throw new InvalidOperationException("the region is not writable");

    public unsafe ReadOnlySpan<byte> ReadOnlyBytes => Protection == JitProtection.None
        ? throw new InvalidOperationException("the region is not readable")
        : new ReadOnlySpan<byte>((void*)Address, checked((int)Size));

    public void Protect(JitProtection protection)
    {
        int prot = protection switch
        {
            JitProtection.ReadWrite => PosixMemory.ProtRead | PosixMemory.ProtWrite,
            JitProtection.ReadExecute => PosixMemory.ProtRead | PosixMemory.ProtExec,
            JitProtection.ReadOnly => PosixMemory.ProtRead,
            _ => PosixMemory.ProtNone,
        };
        if (PosixMemory.Mprotect(Address, Size, prot) != 0)
            throw new InvalidOperationException($"mprotect to {protection} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        Protection = protection;
    }

    public bool Contains(nint address) => _address != 0 && (nuint)(address - _address) < Size;

    public void Dispose()
    {
        if (_address == 0) return;
        PosixMemory.Munmap(_address, Size);
        _address = 0;
    }
}
