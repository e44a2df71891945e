using Stencil.Ir.Analysis;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>The dominator tree as child lists (children in reverse post-order, so walks are deterministic),
/// and a pre-order walk with enter/exit events for passes that keep scoped state.</summary>
internal sealed class DominatorChildren
{
    // Indexed by block: numbering walks this tree for every function, so no hashing per block.
    private readonly List<Block>?[] _children;

    public DominatorChildren(DominatorTree dom)
    {
        Dom = dom;
        uint blocks = 0;
        foreach (var b in dom.ReversePostOrder) blocks = Math.Max(blocks, b.Index + 1);
        _children = new List<Block>?[blocks];
        foreach (var b in dom.ReversePostOrder)
            if (dom.ImmediateDominator(b) is { } parent) (_children[parent.Index] ??= []).Add(b);
    }

    public DominatorTree Dom { get; }

    public IReadOnlyList<Block> Children(Block b) => b.Index < (uint)_children.Length && _children[b.Index] is { } l ? l : [];

    /// <summary>Visits the tree from the entry in pre-order: <paramref name="enter"/> before a block's children,
    /// <paramref name="exit"/> after them. Iterative, so deep trees cannot overflow the stack.</summary>
    public void Walk(Action<Block> enter, Action<Block> exit)
    {
        if (Dom.ReversePostOrder.Count == 0) return;
        var stack = new Stack<(Block Block, bool Exit)>();
        stack.Push((Dom.ReversePostOrder[0], false));
        while (stack.Count > 0)
        {
            var (b, isExit) = stack.Pop();
            if (isExit) { exit(b); continue; }
            enter(b);
            stack.Push((b, true));
            var kids = Children(b);
            for (int i = kids.Count - 1; i >= 0; i--) stack.Push((kids[i], false));
        }
    }
}
