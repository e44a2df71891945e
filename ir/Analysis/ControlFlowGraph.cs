using Stencil.Ir.Collections;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Analysis;

/// <summary>
/// Successors and predecessors of every block in a function's layout. Edges come from every branch
/// instruction in a block, not only the last one, so the graph stays meaningful (and the verifier can
/// still reason about dominance) in a malformed function whose terminator is misplaced. Destinations
/// that name a block outside the layout are left out; the verifier reports them separately.
/// </summary>
public sealed class ControlFlowGraph
{
    // Edges in compressed rows, one array per direction rather than a list per block: block b's
    // successors are _succs[_succStart[b] .. _succStart[b + 1]), its predecessors likewise.
    private readonly int[] _succStart;
    private readonly Block[] _succs;
    private readonly int[] _predStart;
    private readonly Block[] _preds;
    private readonly Inst[] _predInsts;

    private ControlFlowGraph(int[] succStart, Block[] succs, int[] predStart, Block[] preds, Inst[] predInsts)
    {
        _succStart = succStart;
        _succs = succs;
        _predStart = predStart;
        _preds = preds;
        _predInsts = predInsts;
    }

    /// <summary>Number of block slots (the DFG's block count when computed).</summary>
    public int Capacity => _succStart.Length - 1;

    public static ControlFlowGraph Compute(Function func) => Compute(func.Stencil);

    /// <summary>The graph of a bare stencil, for passes that run inside compilation where no parameters exist.</summary>
    public static ControlFlowGraph Compute(FunctionStencil func)
    {
        var dfg = func.Dfg;
        var layout = func.Layout;
        int blocks = dfg.NumBlocks;
        // Edge lists and per-block marks are this thread's scratch, cleared rather than reallocated: the mid-end
        // builds the graph several times per function.
        var scratch = Scratch.Rent(blocks);
        var succEdges = scratch.SuccEdges;
        var predEdges = scratch.PredEdges;
        var seenBlocks = scratch.SeenBlocks;
        // succStamp[b] == stamp when b is already a successor of the block being scanned.
        var succStamp = scratch.SuccStamp;
        // The branch that last added a predecessor to each block: all edges of one branch are found
        // together, so a duplicate (a br_table naming a block many times) always follows its first copy.
        var lastBranch = scratch.LastBranch;
        int stamp = 0;
        foreach (var block in layout.BlockSpan)
        {
            if (!dfg.IsValidBlock(block) || seenBlocks[block.Index]) continue;
            seenBlocks[block.Index] = true;
            stamp++;
            foreach (var inst in layout.InstSpan(block))
            {
                if (!dfg.IsValidInst(inst) || (uint)dfg[inst].Opcode >= (uint)OpcodeTable.All.Count || !IsControlTransfer(dfg[inst])) continue;
                // Tolerant of what only malformed input has, because the verifier builds this graph before it has judged the function.
                foreach (var dest in BranchTargets.Of(dfg, dfg[inst], exceptionEdges: true))
                {
                    if (!dfg.IsValidBlock(dest.Block) || !layout.IsBlockInserted(dest.Block)) continue;
                    int to = (int)dest.Block.Index;
                    if (succStamp[to] != stamp)
                    {
                        succStamp[to] = stamp;
                        succEdges.Add(((int)block.Index, dest.Block));
                    }
                    if (lastBranch[to] == inst) continue;
                    lastBranch[to] = inst;
                    predEdges.Add((to, block, inst));
                }
            }
        }

        // Counting sorts by block: each row is filled from its end, walking the edges backwards, so the
        // edges of a block keep the order they were found in and the row ends become the row starts.
        var succStart = new int[blocks + 1];
        foreach (var (from, _) in succEdges) succStart[from]++;
        ToRowEnds(succStart);
        var succs = new Block[succEdges.Count];
        for (int i = succEdges.Count - 1; i >= 0; i--)
        {
            var (from, to) = succEdges[i];
            succs[--succStart[from]] = to;
        }

        var predStart = new int[blocks + 1];
        foreach (var (to, _, _) in predEdges) predStart[to]++;
        ToRowEnds(predStart);
        var preds = new Block[predEdges.Count];
        var predInsts = new Inst[predEdges.Count];
        for (int i = predEdges.Count - 1; i >= 0; i--)
        {
            var (to, from, branch) = predEdges[i];
            int at = --predStart[to];
            preds[at] = from;
            predInsts[at] = branch;
        }
        return new ControlFlowGraph(succStart, succs, predStart, preds, predInsts);
    }

    /// <summary>One thread's working storage for <see cref="Compute(FunctionStencil)"/>.</summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? t_current;

        public readonly List<(int From, Block To)> SuccEdges = [];
        public readonly List<(int To, Block From, Inst Branch)> PredEdges = [];
        public bool[] SeenBlocks = [];
        public int[] SuccStamp = [];
        public Inst?[] LastBranch = [];

        /// <summary>This thread's scratch, emptied, with room for <paramref name="blocks"/> blocks.</summary>
        public static Scratch Rent(int blocks)
        {
            var s = t_current ??= new Scratch();
            s.SuccEdges.Clear();
            s.PredEdges.Clear();
            ScratchArray.Grow(ref s.SeenBlocks, blocks);
            ScratchArray.Grow(ref s.SuccStamp, blocks);
            ScratchArray.Grow(ref s.LastBranch, blocks);
            Array.Clear(s.SeenBlocks, 0, blocks);
            Array.Clear(s.SuccStamp, 0, blocks);
            Array.Clear(s.LastBranch, 0, blocks);
            return s;
        }
    }

    /// <summary>Turns row sizes into where each row ends; the extra last entry becomes the total.</summary>
    private static void ToRowEnds(int[] sizes)
    {
        for (int b = 1; b < sizes.Length; b++) sizes[b] += sizes[b - 1];
    }

    /// <summary>Branches, and try calls, whose normal return and handlers are edges too.</summary>
    private static bool IsControlTransfer(InstructionData d) =>
        d.Opcode.Info().IsBranch || d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect;

    private bool Has(Block b) => b.Index < (uint)Capacity;

    /// <summary>Distinct successor blocks, in the order their branches name them.</summary>
    public IReadOnlyList<Block> Successors(Block block) => SuccessorSpan(block).ToArray();

    /// <summary>Distinct predecessor blocks (one entry per branch instruction that reaches the block).</summary>
    public IReadOnlyList<Block> Predecessors(Block block) => PredecessorSpan(block).ToArray();

    /// <summary>The branch instructions that transfer control to the block, parallel to <see cref="Predecessors"/>.</summary>
    public IReadOnlyList<Inst> PredecessorBranches(Block block) =>
        Has(block) ? _predInsts.AsSpan(_predStart[block.Index], _predStart[block.Index + 1] - _predStart[block.Index]).ToArray() : [];

    /// <summary><see cref="PredecessorBranches"/> without copying.</summary>
    internal ReadOnlySpan<Inst> PredecessorBranchSpan(Block block) =>
        Has(block) ? _predInsts.AsSpan(_predStart[block.Index], _predStart[block.Index + 1] - _predStart[block.Index]) : [];

    /// <summary><see cref="Successors"/> without copying, for analyses that walk every block.</summary>
    internal ReadOnlySpan<Block> SuccessorSpan(Block block) =>
        Has(block) ? _succs.AsSpan(_succStart[block.Index], _succStart[block.Index + 1] - _succStart[block.Index]) : [];

    /// <summary><see cref="Predecessors"/> without copying.</summary>
    internal ReadOnlySpan<Block> PredecessorSpan(Block block) =>
        Has(block) ? _preds.AsSpan(_predStart[block.Index], _predStart[block.Index + 1] - _predStart[block.Index]) : [];
}
