using Stencil.Ir.Collections;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Analysis;

/// <summary>
/// Immediate dominators of the blocks reachable from the entry block, computed with the iterative
/// algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance Algorithm") over reverse
/// post-order. Unreachable blocks have no dominator and dominate nothing but themselves.
/// </summary>
public sealed class DominatorTree
{
    private const int Undefined = -1;

    // Indexed by block index: position in reverse post-order, or Undefined when unreachable.
    private readonly int[] _rpoNumber;
    // Indexed by RPO number: the RPO number of the immediate dominator (the entry is its own).
    private readonly int[] _idom;
    private readonly Block[] _rpo;

    private DominatorTree(int[] rpoNumber, int[] idom, Block[] rpo)
    {
        _rpoNumber = rpoNumber;
        _idom = idom;
        _rpo = rpo;
    }

    /// <summary>Reachable blocks in reverse post-order (the entry block first).</summary>
    public IReadOnlyList<Block> ReversePostOrder => _rpo;

    public static DominatorTree Compute(Function func, ControlFlowGraph cfg) => Compute(func.Stencil, cfg);

    public static DominatorTree Compute(FunctionStencil func, ControlFlowGraph cfg)
    {
        var rpoNumber = new int[cfg.Capacity];
        Array.Fill(rpoNumber, Undefined);
        var entry = func.Layout.EntryBlock;
        if (entry is not { } e || e.Index >= (uint)cfg.Capacity) return new DominatorTree(rpoNumber, [], []);

        var rpo = ComputeReversePostOrder(e, cfg);
        for (int i = 0; i < rpo.Length; i++) rpoNumber[(int)rpo[i].Index] = i;

        var idom = new int[rpo.Length];
        Array.Fill(idom, Undefined);
        idom[0] = 0;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 1; i < rpo.Length; i++)
            {
                int newIdom = Undefined;
                foreach (var pred in cfg.PredecessorSpan(rpo[i]))
                {
                    int p = rpoNumber[(int)pred.Index];
                    if (p == Undefined || idom[p] == Undefined) continue;
                    newIdom = newIdom == Undefined ? p : Intersect(idom, p, newIdom);
                }
                if (newIdom != idom[i])
                {
                    idom[i] = newIdom;
                    changed = true;
                }
            }
        }
        return new DominatorTree(rpoNumber, idom, rpo);
    }

    private static int Intersect(int[] idom, int a, int b)
    {
        // RPO numbers grow away from the entry, so the finger with the larger number climbs.
        while (a != b)
        {
            while (a > b) a = idom[a];
            while (b > a) b = idom[b];
        }
        return a;
    }

    private static Block[] ComputeReversePostOrder(Block entry, ControlFlowGraph cfg)
    {
        // The visited marks and the stack are this thread's scratch: the mid-end builds this tree several times per function.
        var scratch = t_scratch ??= new RpoScratch();
        ScratchArray.Grow(ref scratch.Visited, cfg.Capacity);
        var visited = scratch.Visited;
        Array.Clear(visited, 0, cfg.Capacity);
        // Each block is pushed once, so post-order and the stack both fit in the block count.
        ScratchArray.Grow(ref scratch.PostOrder, cfg.Capacity);
        ScratchArray.Grow(ref scratch.Stack, cfg.Capacity);
        var postOrder = scratch.PostOrder;
        var stack = scratch.Stack;
        int done = 0;
        // Explicit stack of (block, next successor index) so deep CFGs cannot overflow the call stack.
        int depth = 0;
        visited[(int)entry.Index] = true;
        stack[depth++] = (entry, 0);
        while (depth > 0)
        {
            var (block, next) = stack[depth - 1];
            var succs = cfg.SuccessorSpan(block);
            if (next < succs.Length)
            {
                stack[depth - 1].Next = next + 1;
                var s = succs[next];
                if (!visited[(int)s.Index])
                {
                    visited[(int)s.Index] = true;
                    stack[depth++] = (s, 0);
                }
            }
            else
            {
                depth--;
                postOrder[done++] = block;
            }
        }
        var rpo = new Block[done];
        for (int i = 0; i < done; i++) rpo[i] = postOrder[done - 1 - i];
        return rpo;
    }

    [ThreadStatic] private static RpoScratch? t_scratch;

    private sealed class RpoScratch
    {
        public bool[] Visited = [];
        public Block[] PostOrder = [];
        public (Block Block, int Next)[] Stack = [];
    }

    public bool IsReachable(Block block) => block.Index < (uint)_rpoNumber.Length && _rpoNumber[(int)block.Index] != Undefined;

    /// <summary>The immediate dominator; null for the entry block and for unreachable blocks.</summary>
    public Block? ImmediateDominator(Block block)
    {
        if (!IsReachable(block)) return null;
        int n = _rpoNumber[(int)block.Index];
        return n == 0 ? null : _rpo[_idom[n]];
    }

    /// <summary>True when every path from the entry to <paramref name="b"/> passes through <paramref name="a"/>
    /// (a block dominates itself). False when <paramref name="b"/> is unreachable, unless it is <paramref name="a"/>.</summary>
    public bool Dominates(Block a, Block b)
    {
        if (a == b) return true;
        if (!IsReachable(a) || !IsReachable(b)) return false;
        int na = _rpoNumber[(int)a.Index];
        int nb = _rpoNumber[(int)b.Index];
        // Walk up from b; dominators always have smaller RPO numbers, so stop once we pass a.
        while (nb > na) nb = _idom[nb];
        return nb == na;
    }

    /// <summary>Instruction-level dominance: <paramref name="a"/> dominates <paramref name="b"/> when its block
    /// strictly dominates b's block, or both share a block and a comes first (an instruction dominates itself).</summary>
    public bool Dominates(Inst a, Inst b, Layout layout)
    {
        if (layout.InstBlock(a) is not { } ba || layout.InstBlock(b) is not { } bb) return false;
        if (ba != bb) return Dominates(ba, bb);
        var insts = layout.BlockInsts(ba);
        for (int i = 0; i < insts.Count; i++)
        {
            if (insts[i] == a) return true;
            if (insts[i] == b) return false;
        }
        return false;
    }
}
