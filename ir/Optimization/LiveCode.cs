using Stencil.Ir.Collections;
using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>
/// Which blocks are reachable and which instructions matter (have side effects or feed something that
/// does). The canonical key leaves out everything else, and <see cref="DeadCodeElimination"/> removes
/// exactly the same things before compiling, so equal keys always mean equal machine code.
/// </summary>
public sealed class LiveCode
{
    private readonly EntitySet _reachable;
    private readonly EntitySet _live;

    private LiveCode(int blocks, int insts)
    {
        _reachable = new EntitySet(blocks);
        _live = new EntitySet(insts);
    }

    public bool IsReachable(Block b) => _reachable.Contains(b.Index);
    public bool IsLive(Inst i) => _live.Contains(i.Index);

    public static LiveCode Compute(FunctionStencil f)
    {
        var dfg = f.Dfg;
        var layout = f.Layout;
        var result = new LiveCode(dfg.NumBlocks, dfg.NumInsts);
        if (layout.EntryBlock is not { } entry) return result;

        // One walk over the reachable blocks finds them and, in each, the roots: instructions with side
        // effects (branches among them, so a block parameter is live-making for every argument that feeds
        // it). Liveness then propagates backwards through operands.
        // The worklists are this thread's, emptied: dead-code removal and the key encoder compute this for every function.
        var scratch = t_scratch ??= new Scratch();
        var work = scratch.Work;
        var pending = scratch.Pending;
        var operands = scratch.Operands;
        work.Clear();
        pending.Clear();
        result._reachable.Add(entry.Index);
        work.Push(entry);
        while (work.Count > 0)
        {
            var b = work.Pop();
            foreach (var inst in layout.InstSpan(b))
            {
                var d = dfg[inst];
                if (d.Opcode.Info().HasSideEffects && result._live.Add(inst.Index)) pending.Push(inst);
                if (d.Destinations is { Length: 0 } && d.Format is not (InstructionFormat.BranchTable or InstructionFormat.TryCall or InstructionFormat.TryCallIndirect))
                    continue;
                foreach (var dest in BranchTargets.Of(dfg, d, exceptionEdges: true))
                    if (layout.IsBlockInserted(dest.Block) && result._reachable.Add(dest.Block.Index)) work.Push(dest.Block);
            }
        }

        // Only instructions of reachable blocks can become live.
        void MarkDefinition(Value v)
        {
            if (dfg.TryGetResolvedDef(v, out var def) && def.Kind == ValueDefKind.Result && layout.InstBlock(def.Inst) is { } b
                && result._reachable.Contains(b.Index) && result._live.Add(def.Owner))
                pending.Push(def.Inst);
        }
        while (pending.Count > 0)
        {
            var d = dfg[pending.Pop()];
            if (d.Destinations is { Length: 0 } && d.Format is not (InstructionFormat.BranchTable or InstructionFormat.TryCall or InstructionFormat.TryCallIndirect))
            {
                // No destinations: the operands are the arguments (most instructions).
                foreach (var v in d.Args.AsSpan()) MarkDefinition(v);
                continue;
            }
            operands.Clear();
            dfg.CollectOperands(d, operands);
            foreach (var v in operands) MarkDefinition(v);
        }
        return result;
    }

    [ThreadStatic] private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public readonly Stack<Block> Work = new();
        public readonly Stack<Inst> Pending = new();
        public readonly List<Value> Operands = [];
    }
}
