using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// Lowers a function stencil to <see cref="VCode{MInst}"/>: one virtual register per IR value, IR
/// blocks in layout order, and an extra edge block after a conditional branch for every destination
/// that takes arguments, so block arguments become copies on their own edge. Narrow integers (i8,
/// i16, i32) live in 64-bit registers whose upper bits are unspecified; operations that read those
/// bits (compares, division, right shifts, extensions) extend or use a sized form first.
/// </summary>
internal sealed partial class X64Lowering
{
    private const string IsaName = SysVAbi.IsaName;

    private readonly FunctionStencil _func;
    private readonly DataFlowGraph _dfg;
    private readonly VCode<MInst> _code = new();
    private readonly Reg?[] _valueRegs;
    private readonly Reg?[] _valueHighRegs;
    private readonly Dictionary<Block, int> _blockIndex = [];
    private readonly Dictionary<(Inst, int), int> _edgeIndex = [];
    private readonly bool[] _fusableOnly;
    private readonly bool[] _foldedAway;
    private readonly Dictionary<Inst, Inst> _loadFolds;
    private readonly HashSet<Inst> _foldedLoads;
    private readonly IsaFlags _flags;
    private readonly AbiLayout _abi;
    private Reg? _returnAreaPointer;
    private int _outgoingArgBytes;
    private int _returnAreaBytes;
    private int _currentBlock;

    private X64Lowering(FunctionStencil func, IsaFlags flags)
    {
        _func = func;
        _flags = flags;
        _abi = SysVAbi.Layout(func.Signature, flags);
        _dfg = func.Dfg;
        _valueRegs = new Reg?[_dfg.NumValues];
        _valueHighRegs = new Reg?[_dfg.NumValues];
        _fusableOnly = FindFusableCompares();
        _foldedAway = FindFoldedAddresses();
        _loadFolds = FindFoldableLoads();
        _foldedLoads = [.. _loadFolds.Values];
    }

    public static LoweredFunction Lower(FunctionStencil func, IsaFlags flags)
    {
        var l = new X64Lowering(func, flags);
        l.Run();
        return new LoweredFunction(l._code, l._outgoingArgBytes, l._returnAreaBytes);
    }

    private void Run()
    {
        var blocks = _func.Layout.Blocks;
        if (blocks.Count == 0) throw IsaDiagnostics.Malformed("the function has no blocks");
        AssignBlockIndices(blocks);
        foreach (var block in blocks)
        {
            _currentBlock = _code.StartBlock();
            if (_currentBlock != _blockIndex[block]) throw new InvalidOperationException("block order diverged from its plan");
            if (_currentBlock == 0)
            {
                LowerEntryParams(block);
                if (_func.StackLimit is { } limit) LowerStackCheck(limit);
            }
            var insts = _func.Layout.BlockInsts(block);
            if (insts.Count == 0 || !_dfg[insts[^1]].Opcode.Info().IsTerminator)
                throw IsaDiagnostics.Malformed($"{block} does not end in a terminator");
            foreach (var inst in insts)
            {
                _code.CurrentSrcLoc = _func.SrcLoc(inst);
                LowerInst(inst);
            }
            _code.CurrentSrcLoc = _func.SrcLoc(insts[^1]);
            LowerEdgeBlocks(insts[^1]);
            _code.CurrentSrcLoc = RelSourceLoc.Default;
        }
        _code.Seal();
    }

    /// <summary>Fixes every VCode block index up front so branches can name blocks not lowered yet.</summary>
    private void AssignBlockIndices(IReadOnlyList<Block> blocks)
    {
        int n = 0;
        foreach (var block in blocks)
        {
            _blockIndex[block] = n++;
            if (_func.Layout.LastInst(block) is not { } last) continue;
            var dests = Destinations(last);
            if (dests.Count < 2) continue;
            for (int k = 0; k < dests.Count; k++)
                if (dests[k].Args.Length > 0) _edgeIndex[(last, k)] = n++;
        }
    }

    /// <summary>All destinations of a terminator in a fixed order (brif: then, else; br_table: default, entries).</summary>
    private List<BlockCall> Destinations(Inst inst) => _dfg.BranchDestinations(inst).ToList();

    /// <summary>The VCode block a branch to destination <paramref name="k"/> of <paramref name="inst"/> goes to.</summary>
    private int Target(Inst inst, int k, BlockCall dest)
    {
        if (_edgeIndex.TryGetValue((inst, k), out int edge)) return edge;
        int b = BlockIndexOf(dest.Block);
        if (_dfg.BlockParams(dest.Block).Count != 0)
            throw IsaDiagnostics.Malformed($"branch to {dest.Block} passes no arguments for its {_dfg.BlockParams(dest.Block).Count} parameters");
        return b;
    }

    /// <summary>The VCode block of a branch target; the entry block cannot be one (its parameters are the function's arguments).</summary>
    private int BlockIndexOf(Block target)
    {
        if (!_blockIndex.TryGetValue(target, out int b)) throw IsaDiagnostics.Malformed($"branch to {target}, which is not in the layout");
        if (b == 0) throw IsaDiagnostics.Malformed($"branch to the entry block {target}");
        return b;
    }

    /// <summary>Traps with stk_ovf when the stack pointer, with the frame allocated, is below the limit global value.</summary>
    private void LowerStackCheck(GlobalValue limit)
    {
        var value = GlobalValueReg(limit, 0);
        Emit(MInst.Cmp(X64Regs.Rsp, value, 8));
        Emit(MInst.TrapIf(CondCode.B, TrapCode.StackOverflow));
    }

    private void LowerEdgeBlocks(Inst term)
    {
        var dests = Destinations(term);
        for (int k = 0; k < dests.Count; k++)
        {
            if (!_edgeIndex.TryGetValue((term, k), out int edge)) continue;
            _currentBlock = _code.StartBlock();
            if (_currentBlock != edge) throw new InvalidOperationException("edge block order diverged from its plan");
            EmitBlockArgs(dests[k]);
            Jump(BlockIndexOf(dests[k].Block));
        }
    }

    /// <summary>Copies arguments into the destination's parameters as one parallel move.</summary>
    private void EmitBlockArgs(BlockCall dest)
    {
        if (!_blockIndex.ContainsKey(dest.Block)) throw IsaDiagnostics.Malformed($"branch to {dest.Block}, which is not in the layout");
        var ps = _dfg.BlockParams(dest.Block);
        if (ps.Count != dest.Args.Length)
            throw IsaDiagnostics.Malformed($"branch to {dest.Block} passes {dest.Args.Length} arguments for {ps.Count} parameters");
        var moves = new List<(Reg, Reg)>(ps.Count);
        for (int i = 0; i < ps.Count; i++)
        {
            if (TypeOf(ps[i]) != TypeOf(dest.Args[i])) throw IsaDiagnostics.Malformed($"argument {dest.Args[i]} does not match the type of {ps[i]}");
            var dsts = Parts(ps[i]);
            var srcs = Parts(dest.Args[i]);
            for (int k = 0; k < dsts.Length; k++) moves.Add((dsts[k], srcs[k]));
        }
        foreach (var (dst, src) in ParallelMoves.Sequentialize(moves, r => _code.NewVReg(r.Class)))
            Emit(MInst.Mov(dst, src));
    }

    private void Jump(int target)
    {
        Emit(MInst.Jmp(target));
        _code.Blocks[_currentBlock].Successors.Add(target);
    }

    private void Branch(CondCode cc, int taken, int notTaken)
    {
        Emit(MInst.Jcc(cc, taken, notTaken));
        _code.Blocks[_currentBlock].Successors.Add(taken);
        if (notTaken != taken) _code.Blocks[_currentBlock].Successors.Add(notTaken);
    }

    private void LowerEntryParams(Block entry)
    {
        var ps = _dfg.BlockParams(entry);
        var sig = _func.Signature;
        if (ps.Count != sig.Params.Count)
            throw IsaDiagnostics.Malformed($"the entry block has {ps.Count} parameters but the signature {sig.Params.Count}");
        var locs = _abi.Params;
        if (_abi.HasReturnArea)
        {
            _returnAreaPointer = Temp();
            Emit(MInst.Mov(_returnAreaPointer.Value, AbiLayout.ReturnAreaPointer));
        }
        for (int i = 0; i < ps.Count; i++)
        {
            if (TypeOf(ps[i]) != sig.Params[i].Type) throw IsaDiagnostics.Malformed($"entry parameter {ps[i]} does not match the signature");
            var parts = Parts(ps[i]);
            for (int k = 0; k < parts.Length; k++)
            {
                var loc = locs[i][k];
                if (loc.OnStack) Emit(MInst.Load(parts[k], null, Amode.Incoming(loc.StackOffset), 8, false));
                else Emit(MInst.Mov(parts[k], loc.Reg));
            }
        }
    }

    private void Emit(MInst inst) => _code.Push(inst);

    /// <summary>The virtual register of an IR value (aliases resolved), created on first use.</summary>
    private Reg Get(Value v)
    {
        if (!_dfg.IsValidValue(v)) throw IsaDiagnostics.Malformed($"{v} is not a value of this function");
        v = _dfg.ResolveAliases(v);
        if (_valueRegs[v.Index] is { } r) return r;
        var reg = _code.NewVReg(SysVAbi.ClassOf(_dfg.ValueType(v), v.ToString()));
        _valueRegs[v.Index] = reg;
        return reg;
    }

    /// <summary>The registers holding a value: one, or low then high half for i128.</summary>
    private Reg[] Parts(Value v)
    {
        if (!_dfg.IsValidValue(v)) throw IsaDiagnostics.Malformed($"{v} is not a value of this function");
        if (TypeOf(v) != IrType.I128) return [Get(v)];
        v = _dfg.ResolveAliases(v);
        var lo = _valueRegs[v.Index] ??= _code.NewVReg(RegClass.Int);
        var hi = _valueHighRegs[v.Index] ??= _code.NewVReg(RegClass.Int);
        return [lo, hi];
    }

    private (Reg Lo, Reg Hi) Pair(Value v)
    {
        var p = Parts(v);
        return p.Length == 2 ? (p[0], p[1]) : throw IsaDiagnostics.Malformed($"{v} is not an i128 value");
    }

    private Reg Temp(RegClass cls = RegClass.Int) => _code.NewVReg(cls);

    private IrType TypeOf(Value v) => _dfg.ValueType(v);

    /// <summary>Marks comparison results whose only uses are branch, select or trap conditions: those
    /// are re-evaluated into flags where used instead of being materialized as 0/1.</summary>
    private bool[] FindFusableCompares()
    {
        var nonFusable = new bool[_dfg.NumValues];
        foreach (var inst in _func.Layout.Insts())
        {
            var d = _dfg[inst];
            int condArg = d.Opcode is Opcode.Brif or Opcode.Trapz or Opcode.Trapnz or Opcode.Select ? 0 : -1;
            for (int i = 0; i < d.Args.Length; i++)
                if (i != condArg && _dfg.IsValidValue(d.Args[i])) nonFusable[_dfg.ResolveAliases(d.Args[i]).Index] = true;
            foreach (var dest in _dfg.BranchDestinations(inst))
                foreach (var a in dest.Args)
                    if (_dfg.IsValidValue(a)) nonFusable[_dfg.ResolveAliases(a).Index] = true;
        }
        var fusable = new bool[_dfg.NumValues];
        foreach (var inst in _func.Layout.Insts())
            if (_dfg[inst].Opcode is Opcode.Icmp or Opcode.IcmpImm && _dfg.HasResults(inst) && _dfg.FirstResult(inst) is var r && !nonFusable[r.Index])
                fusable[r.Index] = true;
        return fusable;
    }

    /// <summary>The comparison defining <paramref name="cond"/>, when it is an icmp whose operands can be re-read where the condition is used.</summary>
    private Inst? DefiningCompare(Value cond)
    {
        cond = _dfg.ResolveAliases(cond);
        var def = _dfg.ValueDef(cond);
        if (def.Kind != ValueDefKind.Result) return null;
        var inst = def.Inst;
        return _dfg[inst].Opcode is Opcode.Icmp or Opcode.IcmpImm ? inst : null;
    }

    /// <summary>Sets the flags for condition value <paramref name="cond"/> and returns the x86 condition
    /// that holds when it is non-zero (true).</summary>
    private CondCode LowerCondition(Value cond)
    {
        if (DefiningCompare(cond) is { } cmp) return EmitIntCompare(cmp);
        if (TypeOf(cond) == IrType.I128)
        {
            var (lo, hi) = Pair(cond);
            var any = Temp();
            Emit(MInst.Mov(any, lo));
            Emit(MInst.AluRR(AluOp.Or, any, hi, 8));
            return CondCode.NE;
        }
        var r = Get(cond);
        Emit(MInst.Test(r, r, SizeOf(TypeOf(cond))));
        return CondCode.NE;
    }

    private static int SizeOf(IrType t) => t.Bytes;
    /// <summary>The operation width used for integer arithmetic on <paramref name="t"/>: 32-bit forms for narrow types.</summary>
    private static int OpSize(IrType t) => t.Bytes <= 4 ? 4 : 8;

    private Exception Unsupported(Inst inst) => IsaDiagnostics.Opcode(IsaName, _dfg[inst].Opcode, _dfg.ControllingType(inst));
}
