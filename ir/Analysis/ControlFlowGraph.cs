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
    private readonly List<Block>[] _succs;
    private readonly List<Block>[] _preds;
    private readonly List<Inst>[] _predInsts;

    private ControlFlowGraph(int blocks)
    {
        _succs = new List<Block>[blocks];
        _preds = new List<Block>[blocks];
        _predInsts = new List<Inst>[blocks];
        for (int i = 0; i < blocks; i++) { _succs[i] = []; _preds[i] = []; _predInsts[i] = []; }
    }

    /// <summary>Number of block slots (the DFG's block count when computed).</summary>
    public int Capacity => _succs.Length;

    public static ControlFlowGraph Compute(Function func) => Compute(func.Stencil);

    /// <summary>The graph of a bare stencil, for passes that run inside compilation where no parameters exist.</summary>
    public static ControlFlowGraph Compute(FunctionStencil func)
    {
        var dfg = func.Dfg;
        var layout = func.Layout;
        var cfg = new ControlFlowGraph(dfg.NumBlocks);
        var seenBlocks = new HashSet<Block>();
        // succStamp[b] == stamp when b is already a successor of the block being scanned.
        var succStamp = new int[dfg.NumBlocks];
        int stamp = 0;
        foreach (var block in layout.Blocks)
        {
            if (!dfg.IsValidBlock(block) || !seenBlocks.Add(block)) continue;
            stamp++;
            foreach (var inst in layout.BlockInsts(block))
            {
                if (!dfg.IsValidInst(inst) || (uint)dfg[inst].Opcode >= (uint)OpcodeTable.All.Count || !IsControlTransfer(dfg[inst])) continue;
                foreach (var dest in Destinations(dfg, dfg[inst]))
                {
                    if (!dfg.IsValidBlock(dest.Block) || !layout.IsBlockInserted(dest.Block)) continue;
                    if (succStamp[(int)dest.Block.Index] != stamp)
                    {
                        succStamp[(int)dest.Block.Index] = stamp;
                        cfg._succs[(int)block.Index].Add(dest.Block);
                    }
                    cfg.AddPredecessor(block, inst, dest.Block);
                }
            }
        }
        return cfg;
    }

    /// <summary>Branches, and try calls, whose normal return and handlers are edges too.</summary>
    private static bool IsControlTransfer(InstructionData d) =>
        d.Opcode.Info().IsBranch || d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect;

    // Tolerates what only malformed input has (missing arrays, a dangling jump table), because the
    // verifier builds this graph before it has judged the function.
    private static IEnumerable<BlockCall> Destinations(DataFlowGraph dfg, InstructionData d)
    {
        foreach (var dest in d.Destinations ?? []) yield return dest;
        if (d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < (uint)dfg.JumpTables.Count)
        {
            var jt = dfg.JumpTables[(int)d.JumpTable.Index];
            yield return jt.Default;
            foreach (var bc in jt.Table ?? []) yield return bc;
        }
        if (d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect && d.ExceptionTable.Index < (uint)dfg.ExceptionTables.Count)
            foreach (var target in dfg.ExceptionTables[(int)d.ExceptionTable.Index].AllDestinations())
                yield return new BlockCall(target.Block, []);
    }

    private void AddPredecessor(Block from, Inst branch, Block to)
    {
        // All edges of one branch are added together, so a duplicate (a br_table naming a block many
        // times) always follows its first copy directly: checking the last entry keeps this linear.
        var predInsts = _predInsts[(int)to.Index];
        if (predInsts.Count > 0 && predInsts[^1] == branch) return;
        _preds[(int)to.Index].Add(from);
        predInsts.Add(branch);
    }

    private bool Has(Block b) => b.Index < (uint)_succs.Length;

    /// <summary>Distinct successor blocks, in the order their branches name them.</summary>
    public IReadOnlyList<Block> Successors(Block block) => Has(block) ? _succs[(int)block.Index] : [];

    /// <summary>Distinct predecessor blocks (one entry per branch instruction that reaches the block).</summary>
    public IReadOnlyList<Block> Predecessors(Block block) => Has(block) ? _preds[(int)block.Index] : [];

    /// <summary>The branch instructions that transfer control to the block, parallel to <see cref="Predecessors"/>.</summary>
    public IReadOnlyList<Inst> PredecessorBranches(Block block) => Has(block) ? _predInsts[(int)block.Index] : [];
}
