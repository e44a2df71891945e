namespace Stencil.Isa.Backend;

/// <summary>
/// Every register an instruction of a <see cref="VCode{TInst}"/> touches, read once through <see cref="IMachInst"/>
/// into flat arrays: per instruction its operands in order (as <see cref="Liveness.Number"/>s, with their kinds), then
/// the registers it clobbers (kind <see cref="Clobber"/>), and the plain copies in program order. Liveness, spill
/// weights, copy hints and the splitter all walk these arrays rather than asking each instruction again through an
/// interface (regalloc2 likewise takes its operands as one flat array with per-instruction ranges). Refilled per
/// function; the arrays only grow.
/// </summary>
internal sealed class OperandTable
{
    /// <summary>The kind of an entry for a register the instruction overwrites without naming it: a write, not an
    /// operand (it comes after them, so an operand's entry index minus its instruction's start is its operand index).</summary>
    public const OperandKind Clobber = (OperandKind)3;

    private int[] _starts = new int[65];
    private int[] _regs = new int[256];
    private OperandKind[] _kinds = new OperandKind[256];
    private (Reg Dst, Reg Src)[] _moves = new (Reg, Reg)[16];
    /// <summary>How many copies come before each instruction (parallel to <see cref="_starts"/>).</summary>
    private int[] _movesBefore = new int[65];
    private int _insts, _entries, _moveCount;

    public int InstCount => _insts;
    /// <summary>Entry index of each instruction's first register; <c>Starts[i + 1]</c> ends it.</summary>
    public int[] Starts => _starts;
    public int[] Regs => _regs;
    public OperandKind[] Kinds => _kinds;
    /// <summary>The instructions that are plain copies (<see cref="IMachInst.IsMove"/>), in program order.</summary>
    public ReadOnlySpan<(Reg Dst, Reg Src)> Moves => _moves.AsSpan(0, _moveCount);

    /// <summary>Whether an entry's register is read (before the instruction's writes).</summary>
    public static bool IsRead(OperandKind kind) => kind is OperandKind.Use or OperandKind.Mod;

    /// <summary>Whether an entry's register is written (a def, an in-place operand or a clobber).</summary>
    public static bool IsWrite(OperandKind kind) => kind != OperandKind.Use;

    public static OperandTable Of<TInst>(VCode<TInst> code) where TInst : IMachInst
    {
        var table = new OperandTable();
        table.Read(code);
        return table;
    }

    public void Read<TInst>(VCode<TInst> code) where TInst : IMachInst
    {
        Clear();
        foreach (var inst in code.Insts) Append(inst);
    }

    public void Clear() => _insts = _entries = _moveCount = 0;

    public void Append<TInst>(TInst inst) where TInst : IMachInst
    {
        int count = inst.OperandCount;
        var clobbers = inst.Clobbers;
        int clobberCount = clobbers.Count;
        Reserve(count + clobberCount);
        for (int o = 0; o < count; o++)
        {
            _regs[_entries] = Liveness.Number(inst.GetOperand(o));
            _kinds[_entries++] = inst.GetOperandKind(o);
        }
        for (int c = 0; c < clobberCount; c++)
        {
            _regs[_entries] = Liveness.Number(clobbers[c]);
            _kinds[_entries++] = Clobber;
        }
        if (inst.IsMove(out var dst, out var src)) AddMove(dst, src);
        EndInstruction();
    }

    /// <summary>Appends instruction <paramref name="inst"/> of <paramref name="other"/> as it is there.</summary>
    public void AppendCopy(OperandTable other, int inst)
    {
        int from = other._starts[inst], count = other._starts[inst + 1] - from;
        Reserve(count);
        other._regs.AsSpan(from, count).CopyTo(_regs.AsSpan(_entries));
        other._kinds.AsSpan(from, count).CopyTo(_kinds.AsSpan(_entries));
        _entries += count;
        int move = other._movesBefore[inst];
        if (other._movesBefore[inst + 1] > move) AddMove(other._moves[move].Dst, other._moves[move].Src);
        EndInstruction();
    }

    private void EndInstruction()
    {
        _starts[++_insts] = _entries;
        _movesBefore[_insts] = _moveCount;
    }

    private void AddMove(Reg dst, Reg src)
    {
        if (_moveCount == _moves.Length) Array.Resize(ref _moves, _moves.Length * 2);
        _moves[_moveCount++] = (dst, src);
    }

    private void Reserve(int entries)
    {
        if (_insts + 2 > _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _movesBefore, _starts.Length);
        }
        if (_entries + entries <= _regs.Length) return;
        int size = Math.Max(_regs.Length * 2, _entries + entries);
        Array.Resize(ref _regs, size);
        Array.Resize(ref _kinds, size);
    }
}
