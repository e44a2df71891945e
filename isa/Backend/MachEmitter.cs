using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Backend;

/// <summary>
/// The ISA-neutral half of emission: a label per VCode block, blocks in order with each instruction's bytes
/// attributed to its source location, and branch relaxation. The first pass emits every branch in its long form and
/// records where it starts; <see cref="PlanShortBranches"/> then picks the short form for each branch whose first-pass
/// distance already fits it, and either a second emitter follows that plan or the backend rewrites those branches in
/// place (<see cref="MachBuffer.ShortenBranches"/>, x64). Shortening only brings code closer together, so those
/// distances can only shrink and every choice stays valid.
/// </summary>
public abstract class MachEmitter<TInst> where TInst : IMachInst
{
    private readonly bool[]? _shortBranches;
    private readonly List<(uint Start, MachLabel Target)> _branches = [];

    protected MachEmitter(VCode<TInst> code, Endianness byteOrder, bool[]? shortBranches)
    {
        VCode = code;
        Buffer = new MachBuffer(byteOrder);
        _shortBranches = shortBranches;
        BlockLabels = new MachLabel[code.Blocks.Count];
        for (int i = 0; i < BlockLabels.Length; i++) BlockLabels[i] = Buffer.GetLabel();
    }

    /// <summary>For each block, where a jump to it really goes: through blocks that hold nothing but an unconditional
    /// jump (edge blocks whose moves vanished, emptied IR blocks) to the first block that does something, so a branch
    /// skips the hop, and a branch whose target is where the next block leads falls through instead.</summary>
    protected int[] ThreadJumps(Func<int, int?> loneJumpTarget)
    {
        int n = VCode.Blocks.Count;
        var final = new int[n];
        for (int b = 0; b < n; b++)
        {
            int t = b;
            // A cycle of lone jumps (an empty infinite loop) stops after n hops, at a block of the cycle.
            for (int hops = 0; hops < n && loneJumpTarget(t) is { } next && next != t; hops++) t = next;
            final[b] = t;
        }
        return final;
    }

    protected VCode<TInst> VCode { get; }
    protected MachBuffer Buffer { get; }
    protected MachLabel[] BlockLabels { get; }

    protected abstract void EmitPrologue();

    /// <summary>Emits one instruction of VCode block <paramref name="block"/>.</summary>
    protected abstract void EmitInst(TInst inst, int block);

    /// <summary>The prologue, then every block.</summary>
    protected void EmitFunction()
    {
        EmitPrologue();
        for (int b = 0; b < VCode.Blocks.Count; b++)
            if (IsSkipped(b)) Buffer.BindLabel(BlockLabels[b]);
            else EmitBlock(b);
    }

    /// <summary>A block that no branch targets and nothing falls into emits nothing (its label still bound).</summary>
    protected virtual bool IsSkipped(int block) => false;

    private void EmitBlock(int b)
    {
        Buffer.BindLabel(BlockLabels[b]);
        var blk = VCode.Blocks[b];
        for (int i = blk.Start; i < blk.End; i++)
        {
            Buffer.StartSrcLoc(VCode.SrcLocs[i]);
            EmitInst(VCode.Insts[i], b);
        }
        Buffer.EndSrcLoc();
    }

    /// <summary>Records a branch starting at <paramref name="start"/> to <paramref name="target"/> and says whether the
    /// plan gives it the short form (never in the first pass).</summary>
    protected bool NextBranchIsShort(uint start, MachLabel target)
    {
        int id = _branches.Count;
        _branches.Add((start, target));
        return _shortBranches is { } plan && plan[id];
    }

    /// <summary>After a first pass: which branches fit their short form, judged by <paramref name="fitsShort"/> on the
    /// distance from the branch's start to its target.</summary>
    protected bool[] PlanShortBranches(Func<long, bool> fitsShort)
    {
        var plan = new bool[_branches.Count];
        for (int i = 0; i < plan.Length; i++)
        {
            var (start, target) = _branches[i];
            plan[i] = fitsShort((long)Buffer.LabelOffset(target) - start);
        }
        return plan;
    }
}
