using Stencil.Ir;
using Stencil.Ir.Names;

namespace Stencil.Isa.CodeGen;

/// <summary>
/// The growing code of one function plus what must be patched or recorded about it: labels and the
/// fixups that refer to them (resolved in <see cref="Finish"/>), relocations against external names,
/// trap sites and source-location ranges. Offsets are from the start of the function. Multi-byte values are written in
/// the machine's byte order, and label fields in the backend's own forms (<see cref="LabelUse"/>).
/// </summary>
public sealed class MachBuffer(Endianness byteOrder)
{
    private const uint Unbound = uint.MaxValue;

    private byte[] _code = new byte[256];
    private int _length;
    private readonly List<uint> _labelOffsets = [];
    private readonly List<(uint Offset, MachLabel Label, LabelUse Use)> _fixups = [];
    private readonly List<MachReloc> _relocs = [];
    private readonly List<MachTrap> _traps = [];
    private readonly List<MachSrcLoc> _srcLocs = [];
    private (uint Start, RelSourceLoc Loc)? _openSrcLoc;

    public uint CurOffset => (uint)_length;

    /// <summary>The byte order of multi-byte values: <see cref="Endianness.Little"/> or <see cref="Endianness.Big"/>.</summary>
    public Endianness ByteOrder { get; } = byteOrder is Endianness.Little or Endianness.Big
        ? byteOrder
        : throw new ArgumentOutOfRangeException(nameof(byteOrder), byteOrder, "a machine's byte order is little or big");

    /// <summary>The bytes emitted so far.</summary>
    public ReadOnlySpan<byte> Data => _code.AsSpan(0, _length);

    public void Put1(byte b)
    {
        Reserve(1);
        _code[_length++] = b;
    }

    public void Put2(ushort v)
    {
        Reserve(2);
        Write(_code.AsSpan(_length, 2), v);
        _length += 2;
    }

    public void Put4(uint v)
    {
        Reserve(4);
        Write(_code.AsSpan(_length, 4), v);
        _length += 4;
    }

    public void Put8(ulong v)
    {
        Reserve(8);
        Write(_code.AsSpan(_length, 8), v);
        _length += 8;
    }

    public void PutBytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_code.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Overwrites 4 already-emitted bytes (a placeholder field that a relocation will fill).</summary>
    public void Patch4(uint offset, uint value)
    {
        if (offset + 4 > CurOffset) throw new InvalidOperationException($"patch at {offset} lies past the emitted code");
        Write(_code.AsSpan((int)offset, 4), value);
    }

    private void Write(Span<byte> field, ulong value) => FieldBytes.Write(field, value, ByteOrder);

    /// <summary>Pads with <paramref name="fill"/> until the offset is a multiple of <paramref name="alignment"/> (a power of two).</summary>
    public void AlignTo(int alignment, byte fill)
    {
        while ((_length & (alignment - 1)) != 0) Put1(fill);
    }

    private void Reserve(int n)
    {
        if (_length + n <= _code.Length) return;
        Array.Resize(ref _code, Math.Max(_code.Length * 2, _length + n));
    }

    public MachLabel GetLabel()
    {
        _labelOffsets.Add(Unbound);
        return new MachLabel((uint)(_labelOffsets.Count - 1));
    }

    /// <summary>Binds <paramref name="label"/> to the current offset; a label binds once.</summary>
    public void BindLabel(MachLabel label)
    {
        if (_labelOffsets[(int)label.Index] != Unbound) throw new InvalidOperationException($"{label} is already bound");
        _labelOffsets[(int)label.Index] = CurOffset;
    }

    public bool IsBound(MachLabel label) => _labelOffsets[(int)label.Index] != Unbound;

    public uint LabelOffset(MachLabel label) =>
        _labelOffsets[(int)label.Index] is var o && o != Unbound ? o : throw new InvalidOperationException($"{label} is not bound");

    /// <summary>Records that the field at <paramref name="offset"/> (already emitted, any value) refers to <paramref name="label"/>.</summary>
    public void UseLabelAtOffset(uint offset, MachLabel label, LabelUse use)
    {
        if (offset + (ulong)use.Width > CurOffset) throw new InvalidOperationException($"fixup at {offset} lies past the emitted code");
        _fixups.Add((offset, label, use));
    }

    /// <summary>Records a relocation whose field (as wide as <see cref="RelocTable"/> says) is already emitted.</summary>
    public void AddReloc(uint offset, Reloc kind, ExternalName target, long addend)
    {
        if (offset + (ulong)RelocTable.Get(kind).Width > CurOffset) throw new InvalidOperationException($"{kind} relocation at {offset} lies past the emitted code");
        _relocs.Add(new MachReloc(offset, kind, target, addend));
    }

    /// <summary>Records that the instruction about to be emitted at the current offset traps with <paramref name="code"/>.</summary>
    public void AddTrap(TrapCode code) => _traps.Add(new MachTrap(CurOffset, code));

    /// <summary>A trap site inside code already emitted (s390x's conditional trap lands in its own offset field).</summary>
    public void AddTrapAt(uint offset, TrapCode code) => _traps.Add(new MachTrap(offset, code));

    /// <summary>Starts attributing emitted bytes to <paramref name="loc"/> (ending any open range); default locations attribute nothing.</summary>
    public void StartSrcLoc(RelSourceLoc loc)
    {
        EndSrcLoc();
        if (!loc.IsDefault) _openSrcLoc = (CurOffset, loc);
    }

    public void EndSrcLoc()
    {
        if (_openSrcLoc is not { } open) return;
        _openSrcLoc = null;
        if (CurOffset == open.Start) return;
        // Adjacent ranges of one location merge, so the table does not depend on how lowering split instructions.
        if (_srcLocs.Count > 0 && _srcLocs[^1] is var last && last.End == open.Start && last.Loc == open.Loc)
            _srcLocs[^1] = last with { End = CurOffset };
        else
            _srcLocs.Add(new MachSrcLoc(open.Start, CurOffset, open.Loc));
    }

    /// <summary>
    /// Rewrites branches in their short form where they were emitted long, moving the code after each one back: labels,
    /// fixups, relocations, trap sites and source ranges move with their bytes, and each branch's own fixup becomes its
    /// short field. Code between branches must not depend on where it lies (its label and relocation fields are
    /// filled later), so the result is the code that emitting the short forms in the first place gives.
    /// </summary>
    /// <param name="branches">In ascending order of <see cref="BranchShortening.Start"/>; nothing but a branch's own fixup
    /// may lie inside it.</param>
    public void ShortenBranches(IReadOnlyList<BranchShortening> branches)
    {
        if (branches.Count == 0) return;
        if (_openSrcLoc is not null) throw new InvalidOperationException("branches are shortened after the last source range closes");
        int n = branches.Count;
        var starts = new uint[n];
        var ends = new uint[n];
        // Bytes removed up to the end of each branch.
        var removed = new uint[n];
        int write = (int)branches[0].Start, read = write;
        uint total = 0;
        for (int k = 0; k < n; k++)
        {
            var b = branches[k];
            int shortLength = 1 + b.ShortUse.Width;
            if (b.Start < read || b.LongLength <= shortLength || b.Start + (ulong)b.LongLength > (ulong)_length)
                throw new ArgumentException($"the branch at {b.Start} cannot be shortened", nameof(branches));
            int keep = (int)b.Start - read;
            _code.AsSpan(read, keep).CopyTo(_code.AsSpan(write));
            write += keep;
            _code[write] = b.ShortOpcode;
            _code.AsSpan(write + 1, b.ShortUse.Width).Clear();
            write += shortLength;
            read = (int)b.Start + b.LongLength;
            total += (uint)(b.LongLength - shortLength);
            (starts[k], ends[k], removed[k]) = (b.Start, (uint)read, total);
        }
        _code.AsSpan(read, _length - read).CopyTo(_code.AsSpan(write));
        _length = write + _length - read;

        // The branch whose bytes strictly contain an offset past its start, or -1 - (how many branches end at or before it).
        int Locate(uint offset)
        {
            int k = Array.BinarySearch(ends, offset);
            if (k >= 0) return -1 - (k + 1);
            k = ~k;
            return k < n && offset > starts[k] ? k : -1 - k;
        }
        uint Map(uint offset)
        {
            int at = Locate(offset);
            if (at >= 0) throw new InvalidOperationException($"offset {offset} lies inside the shortened branch at {starts[at]}");
            int before = -1 - at;
            return before == 0 ? offset : offset - removed[before - 1];
        }
        for (int i = 0; i < _labelOffsets.Count; i++)
            if (_labelOffsets[i] != Unbound) _labelOffsets[i] = Map(_labelOffsets[i]);
        for (int i = 0; i < _fixups.Count; i++)
        {
            var (offset, label, use) = _fixups[i];
            int at = Locate(offset);
            _fixups[i] = at >= 0 ? (Map(starts[at]) + 1, label, branches[at].ShortUse) : (Map(offset), label, use);
        }
        for (int i = 0; i < _relocs.Count; i++) _relocs[i] = _relocs[i] with { Offset = Map(_relocs[i].Offset) };
        for (int i = 0; i < _traps.Count; i++) _traps[i] = _traps[i] with { Offset = Map(_traps[i].Offset) };
        for (int i = 0; i < _srcLocs.Count; i++) _srcLocs[i] = _srcLocs[i] with { Start = Map(_srcLocs[i].Start), End = Map(_srcLocs[i].End) };
    }

    /// <summary>Resolves every label fixup and returns the finished function.</summary>
    /// <exception cref="InvalidOperationException">A fixup refers to an unbound label or cannot reach it (a backend bug).</exception>
    public CompiledFunction Finish(uint frameSize, int alignment)
    {
        EndSrcLoc();
        foreach (var (offset, label, use) in _fixups)
        {
            if (!use.TryEncode(offset, LabelOffset(label), out var value))
                throw new InvalidOperationException($"{use.Name} use of {label} at {offset} cannot reach offset {LabelOffset(label)}");
            Write(_code.AsSpan((int)offset, use.Width), (ulong)value);
        }
        return new CompiledFunction(
            _code.AsSpan(0, _length).ToArray(),
            RelocOrder.Sort(_relocs, r => r.Offset, r => r.Kind).ToArray(),
            _traps.OrderBy(t => t.Offset).ToArray(),
            _srcLocs.ToArray(),
            frameSize,
            alignment);
    }
}
