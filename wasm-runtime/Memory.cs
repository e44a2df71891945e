using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime.Native;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// A linear memory. Its whole possible size (the maximum, at most 4 GiB) is reserved as address space when it is
/// created and pages become readable and writable as it grows, so its base never moves; its length changes, and the
/// memory writes the new length into every instance record that uses it.
/// </summary>
public sealed unsafe class Memory : IExtern, IDisposable
{
    public const int PageSize = 65536;
    /// <summary>The spec's bound for a 32-bit memory (4 GiB).</summary>
    public const uint MaxPages = 65536;

    private readonly List<nint> _users = [];
    private readonly nuint _reserved;
    private nint _base;

    public Memory(Store store, MemoryType type)
    {
        ArgumentNullException.ThrowIfNull(store);
        Type = type;
        uint max = Math.Min(type.Limits.Max ?? MaxPages, MaxPages);
        _reserved = (nuint)Math.Max(1, (ulong)max) * PageSize;
        _base = PosixMapping.Map(_reserved, PosixMapping.ProtNone, PosixMapping.MapNoReserve);
        Maximum = max;
        store.Own(this);
        if (type.Limits.Min > 0) Commit(0, type.Limits.Min);
        Pages = type.Limits.Min;
    }

    public MemoryType Type { get; }
    public uint Pages { get; private set; }
    public uint Maximum { get; }
    public long Length => (long)Pages * PageSize;
    internal nint Base => _base != 0 ? _base : throw new ObjectDisposedException(nameof(Memory));

    /// <summary>The memory's bytes (up to 2 GiB; use <see cref="Slice"/> beyond).</summary>
    public Span<byte> Span => new((void*)Base, checked((int)Length));

    /// <summary><paramref name="length"/> bytes at <paramref name="offset"/>; throws when they are not all inside.</summary>
    public Span<byte> Slice(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Length) throw new ArgumentOutOfRangeException(nameof(offset), "outside the memory");
        return new Span<byte>((void*)(Base + (nint)offset), length);
    }

    /// <summary>Adds <paramref name="delta"/> pages; the old size in pages, or -1 when the maximum would be passed.</summary>
    public int Grow(uint delta)
    {
        uint old = Pages;
        if ((ulong)old + delta > Maximum) return -1;
        if (delta == 0) return (int)old;
        try
        {
            Commit(old, old + delta);
        }
        catch (OutOfMemoryException)
        {
            return -1;
        }
        Pages = old + delta;
        foreach (var vmctx in _users) WriteInto(vmctx);
        return (int)old;
    }

    /// <summary>Makes <paramref name="vmctx"/>'s memory fields follow this memory.</summary>
    internal void Attach(nint vmctx)
    {
        _users.Add(vmctx);
        WriteInto(vmctx);
    }

    private void WriteInto(nint vmctx)
    {
        *(nint*)(vmctx + VmOffsets.MemoryBase) = Base;
        *(ulong*)(vmctx + VmOffsets.MemoryLength) = (ulong)Length;
    }

    private void Commit(uint fromPage, uint toPage) =>
        PosixMapping.Protect(Base + (nint)((long)fromPage * PageSize), (nuint)((long)(toPage - fromPage) * PageSize),
            PosixMapping.ProtRead | PosixMapping.ProtWrite);

    public void Dispose()
    {
        if (_base == 0) return;
        PosixMapping.Unmap(_base, _reserved);
        _base = 0;
    }
}
