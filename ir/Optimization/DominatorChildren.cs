using Stencil.Ir.Analysis;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>The dominator tree as child lists (children in reverse post-order, so walks are deterministic),
/// and a pre-order walk with enter/exit events for passes that keep scoped state.</summary>
internal sealed class DominatorChildren
{
    // Compressed rows indexed by block: b's children are _children[_start[b] .. _start[b + 1]). Numbering builds
    // this tree for every function, so no list per block.
    private readonly int[] _start;
    private readonly Block[] _children;

    public DominatorChildren(DominatorTree dom)
    {
        Dom = dom;
        var rpo = dom.ReversePostOrder;
        uint blocks = 0;
        foreach (var b in rpo) blocks = Math.Max(blocks, b.Index + 1);
        _start = new int[blocks + 1];
        _children = new Block[Math.Max(rpo.Count - 1, 0)];
        foreach (var b in rpo)
            if (dom.ImmediateDominator(b) is { } parent) _start[parent.Index + 1]++;
        for (int i = 1; i < _start.Length; i++) _start[i] += _start[i - 1];
        // Filled in reverse post-order, each row from its start: the next free slot of row p is kept in fill[p].
        var fill = _start.AsSpan(0, (int)blocks).ToArray();
        foreach (var b in rpo)
            if (dom.ImmediateDominator(b) is { } parent) _children[fill[parent.Index]++] = b;
    }

    public DominatorTree Dom { get; }

    public ReadOnlySpan<Block> Children(Block b) =>
        b.Index + 1 < (uint)_start.Length ? _children.AsSpan(_start[b.Index], _start[b.Index + 1] - _start[b.Index]) : [];

    /// <summary>The tree from the entry in pre-order, each block twice: entered before its children and exited after
    /// them. Iterative, so deep trees cannot overflow the stack.</summary>
    public Walk PreOrder() => new(this);

    /// <summary>The events of <see cref="PreOrder"/>, without a delegate per event kind.</summary>
    public struct Walk(DominatorChildren tree)
    {
        // Every block is pushed once to enter and once to exit.
        private readonly (Block Block, bool Exit)[] _stack = new (Block, bool)[2 * tree.Dom.ReversePostOrder.Count];
        private int _depth = -1;

        public readonly Walk GetEnumerator() => this;

        public (Block Block, bool Exit) Current { get; private set; }

        public bool MoveNext()
        {
            if (_depth < 0)
            {
                if (_stack.Length == 0) return false;
                _depth = 0;
                _stack[_depth++] = (tree.Dom.ReversePostOrder[0], false);
            }
            if (_depth == 0) return false;
            Current = _stack[--_depth];
            if (Current.Exit) return true;
            _stack[_depth++] = (Current.Block, true);
            var kids = tree.Children(Current.Block);
            for (int i = kids.Length - 1; i >= 0; i--) _stack[_depth++] = (kids[i], false);
            return true;
        }
    }
}
