using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Backend;

/// <summary>
/// The ISA-neutral half of lowering a function stencil to <see cref="VCode{TInst}"/>: one virtual register per IR
/// value (two, low half first, for i128), IR blocks in layout order, and an extra edge block after a multi-way branch
/// for every destination that takes arguments, so block arguments become a parallel move on their own edge. A backend
/// derives from it and supplies its instructions: the rules for each IR instruction, a move, a jump, and the entry.
/// </summary>
public abstract partial class MachLowering<TInst> where TInst : IMachInst
{
    private readonly Reg?[] _valueRegs;
    private readonly Reg?[] _valueHighRegs;
    /// <summary>The VCode block of each IR block by its index; -1 for blocks not in the layout.</summary>
    private readonly int[] _blockIndex;
    private readonly Dictionary<(Inst, int), int> _edgeIndex = [];
    private UseCounts? _uses;
    /// <summary>A temporary of a register's class, for breaking cycles of block-argument copies (made once, not per edge).</summary>
    private readonly Func<Reg, Reg> _newTemp;

    protected MachLowering(FunctionStencil function)
    {
        Function = function;
        Dfg = function.Dfg;
        _valueRegs = new Reg?[Dfg.NumValues];
        _valueHighRegs = new Reg?[Dfg.NumValues];
        _blockIndex = new int[Dfg.NumBlocks];
        Array.Fill(_blockIndex, -1);
        _newTemp = r => VCode.NewVReg(r.Class);
    }

    protected FunctionStencil Function { get; }
    protected DataFlowGraph Dfg { get; }
    protected VCode<TInst> VCode { get; } = new();

    /// <summary>The VCode block being filled.</summary>
    protected int CurrentBlock { get; private set; }

    /// <summary>How often each value is used, counted once per function on first use.</summary>
    protected UseCounts Uses => _uses ??= UseCounts.Of(Function);

    /// <summary>Lowers one IR instruction of the current block.</summary>
    protected abstract void LowerInst(Inst inst);

    /// <summary>Lowers what the entry block needs before its instructions: parameters from their ABI locations, checks.</summary>
    protected abstract void LowerEntry(Block entry);

    /// <summary>A register-to-register copy of either class.</summary>
    protected abstract TInst Move(Reg dst, Reg src);

    /// <summary>A load of one 8-byte slot of the incoming stack arguments.</summary>
    protected abstract TInst LoadIncomingArg(Reg dst, int stackOffset);

    /// <summary>Ends the current block with an unconditional jump to VCode block <paramref name="target"/>.</summary>
    protected abstract void LowerJump(int target);

    /// <summary>The register class values of <paramref name="type"/> live in; a diagnostic for types the backend cannot hold.</summary>
    protected abstract RegClass ClassOf(IrType type, string where);

    /// <summary>Lowers the whole function into <see cref="VCode"/>.</summary>
    protected void Run()
    {
        var blocks = Function.Layout.Blocks;
        if (blocks.Count == 0) throw IsaDiagnostics.Malformed("the function has no blocks");
        AssignBlockIndices(blocks);
        foreach (var block in blocks)
        {
            CurrentBlock = VCode.StartBlock();
            if (CurrentBlock != VCodeBlockOf(block)) throw new InvalidOperationException("block order diverged from its plan");
            if (CurrentBlock == 0) LowerEntry(block);
            var insts = Function.Layout.BlockInsts(block);
            if (insts.Count == 0 || !Dfg[insts[^1]].Opcode.Info().IsTerminator)
                throw IsaDiagnostics.Malformed($"{block} does not end in a terminator");
            foreach (var inst in insts)
            {
                VCode.CurrentSrcLoc = Function.SrcLoc(inst);
                LowerInst(inst);
            }
            VCode.CurrentSrcLoc = Function.SrcLoc(insts[^1]);
            LowerEdgeBlocks(insts[^1]);
            VCode.CurrentSrcLoc = RelSourceLoc.Default;
        }
        VCode.Seal();
    }

    /// <summary>Fixes every VCode block index up front so branches can name blocks not lowered yet.</summary>
    private void AssignBlockIndices(IReadOnlyList<Block> blocks)
    {
        int n = 0;
        foreach (var block in blocks)
        {
            if (block.Index >= (uint)_blockIndex.Length) throw IsaDiagnostics.Malformed($"{block} is not a block of this function");
            _blockIndex[block.Index] = n++;
            if (Function.Layout.LastInst(block) is not { } last) continue;
            var dests = Destinations(last);
            if (dests.Count < 2) continue;
            for (int k = 0; k < dests.Count; k++)
                if (dests[k].Args.Length > 0) _edgeIndex[(last, k)] = n++;
        }
    }

    /// <summary>All destinations of a terminator in a fixed order (brif: then, else; br_table: default, entries).</summary>
    protected IReadOnlyList<BlockCall> Destinations(Inst inst) =>
        Dfg.BranchDestinations(inst) as IReadOnlyList<BlockCall> ?? [.. Dfg.BranchDestinations(inst)];

    /// <summary>The VCode block a branch to destination <paramref name="k"/> of <paramref name="inst"/> goes to.</summary>
    protected int Target(Inst inst, int k, BlockCall dest)
    {
        if (_edgeIndex.TryGetValue((inst, k), out int edge)) return edge;
        int b = BlockIndexOf(dest.Block);
        if (Dfg.BlockParams(dest.Block).Count != 0)
            throw IsaDiagnostics.Malformed($"branch to {dest.Block} passes no arguments for its {Dfg.BlockParams(dest.Block).Count} parameters");
        return b;
    }

    /// <summary>The VCode block of a branch target; the entry block cannot be one (its parameters are the function's arguments).</summary>
    protected int BlockIndexOf(Block target)
    {
        int b = VCodeBlockOf(target);
        if (b < 0) throw IsaDiagnostics.Malformed($"branch to {target}, which is not in the layout");
        if (b == 0) throw IsaDiagnostics.Malformed($"branch to the entry block {target}");
        return b;
    }

    /// <summary>The VCode block of an IR block, or -1 when it is not in the layout.</summary>
    private int VCodeBlockOf(Block block) => block.Index < (uint)_blockIndex.Length ? _blockIndex[block.Index] : -1;

    private void LowerEdgeBlocks(Inst term)
    {
        if (_edgeIndex.Count == 0) return;
        var dests = Destinations(term);
        for (int k = 0; k < dests.Count; k++)
        {
            if (!_edgeIndex.TryGetValue((term, k), out int edge)) continue;
            CurrentBlock = VCode.StartBlock();
            if (CurrentBlock != edge) throw new InvalidOperationException("edge block order diverged from its plan");
            EmitBlockArgs(dests[k]);
            LowerJump(BlockIndexOf(dests[k].Block));
        }
    }

    /// <summary>Copies arguments into the destination's parameters as one parallel move.</summary>
    protected void EmitBlockArgs(BlockCall dest)
    {
        if (VCodeBlockOf(dest.Block) < 0) throw IsaDiagnostics.Malformed($"branch to {dest.Block}, which is not in the layout");
        var ps = Dfg.BlockParams(dest.Block);
        if (ps.Count != dest.Args.Length)
            throw IsaDiagnostics.Malformed($"branch to {dest.Block} passes {dest.Args.Length} arguments for {ps.Count} parameters");
        var moves = new List<(Reg, Reg)>(ps.Count);
        for (int i = 0; i < ps.Count; i++)
        {
            if (TypeOf(ps[i]) != TypeOf(dest.Args[i])) throw IsaDiagnostics.Malformed($"argument {dest.Args[i]} does not match the type of {ps[i]}");
            if (TypeOf(ps[i]) != IrType.I128)
            {
                moves.Add((Get(ps[i]), Get(dest.Args[i])));
                continue;
            }
            var dsts = Parts(ps[i]);
            var srcs = Parts(dest.Args[i]);
            for (int k = 0; k < dsts.Length; k++) moves.Add((dsts[k], srcs[k]));
        }
        foreach (var (dst, src) in ParallelMoves.Sequentialize(moves, _newTemp))
            Emit(Move(dst, src));
    }

    /// <summary>Records that the current block may continue at VCode block <paramref name="target"/>.</summary>
    protected void AddSuccessor(int target) => VCode.Blocks[CurrentBlock].Successors.Add(target);

    protected void Emit(TInst inst) => VCode.Push(inst);

    /// <summary>The virtual register of an IR value (aliases resolved), created on first use.</summary>
    protected Reg Get(Value v)
    {
        if (!Dfg.IsValidValue(v)) throw IsaDiagnostics.Malformed($"{v} is not a value of this function");
        v = Dfg.ResolveAliases(v);
        if (_valueRegs[v.Index] is { } r) return r;
        var reg = VCode.NewVReg(ClassOf(Dfg.ValueType(v), v.ToString()));
        _valueRegs[v.Index] = reg;
        return reg;
    }

    /// <summary>Whether some rule has asked for the register of <paramref name="v"/> (aliases resolved).</summary>
    protected bool HasRegister(Value v)
    {
        v = Dfg.ResolveAliases(v);
        return _valueRegs[v.Index] is not null || _valueHighRegs[v.Index] is not null;
    }

    /// <summary>The registers holding a value: one, or low then high half for i128.</summary>
    protected Reg[] Parts(Value v)
    {
        if (!Dfg.IsValidValue(v)) throw IsaDiagnostics.Malformed($"{v} is not a value of this function");
        if (TypeOf(v) != IrType.I128) return [Get(v)];
        v = Dfg.ResolveAliases(v);
        var lo = _valueRegs[v.Index] ??= VCode.NewVReg(RegClass.Int);
        var hi = _valueHighRegs[v.Index] ??= VCode.NewVReg(RegClass.Int);
        return [lo, hi];
    }

    protected (Reg Lo, Reg Hi) Pair(Value v)
    {
        var p = Parts(v);
        return p.Length == 2 ? (p[0], p[1]) : throw IsaDiagnostics.Malformed($"{v} is not an i128 value");
    }

    protected Reg Temp(RegClass cls = RegClass.Int) => VCode.NewVReg(cls);

    protected IrType TypeOf(Value v) => Dfg.ValueType(v);
}
