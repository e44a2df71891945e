namespace Stencil.Ir.Interpretation;

/// <summary>
/// The memory of one interpreted call tree: stack-slot byte arrays placed at invented addresses,
/// allocated and released in frame order so addresses are deterministic. An access that does not
/// fall entirely inside one live slot traps with heap_oob. Bases start well above zero and slots are
/// separated by unmapped gaps, so null pointers and small overruns trap instead of touching a neighbour.
/// </summary>
internal sealed class AddressSpace
{
    private const ulong FirstBase = 0x1_0000, Gap = 64;
    private readonly List<(ulong Base, byte[] Data)> _regions = [];
    private ulong _next = FirstBase;

    public int Mark => _regions.Count;

    public ulong Allocate(uint size, int alignShift)
    {
        ulong align = Math.Max(16UL, 1UL << Math.Min(alignShift, 16));
        ulong b = (_next + align - 1) & ~(align - 1);
        _regions.Add((b, new byte[size]));
        _next = b + size + Gap;
        return b;
    }

    /// <summary>Frees every region allocated since <paramref name="mark"/> (a returning frame's slots).</summary>
    public void Release(int mark)
    {
        if (mark >= _regions.Count) return;
        _next = mark == 0 ? FirstBase : _regions[mark - 1].Base + (ulong)_regions[mark - 1].Data.Length + Gap;
        _regions.RemoveRange(mark, _regions.Count - mark);
    }

    public Span<byte> Access(ulong address, ulong size)
    {
        // Regions are sorted by base, so a binary search finds the only candidate.
        int lo = 0, hi = _regions.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (_regions[mid].Base <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (found < 0) throw new TrapException(TrapCode.HeapOutOfBounds);
        var (b, data) = _regions[found];
        ulong offset = address - b;
        if (offset > (ulong)data.Length || size > (ulong)data.Length - offset) throw new TrapException(TrapCode.HeapOutOfBounds);
        return data.AsSpan((int)offset, (int)size);
    }

    public UInt128 Read(ulong address, int bytes, Endianness endianness)
    {
        var span = Access(address, (ulong)bytes);
        UInt128 v = 0;
        for (int i = 0; i < bytes; i++)
        {
            int shift = endianness == Endianness.Big ? 8 * (bytes - 1 - i) : 8 * i;
            v |= (UInt128)span[i] << shift;
        }
        return v;
    }

    public void Write(ulong address, int bytes, UInt128 value, Endianness endianness)
    {
        var span = Access(address, (ulong)bytes);
        for (int i = 0; i < bytes; i++)
        {
            int shift = endianness == Endianness.Big ? 8 * (bytes - 1 - i) : 8 * i;
            span[i] = (byte)(value >> shift);
        }
    }
}
