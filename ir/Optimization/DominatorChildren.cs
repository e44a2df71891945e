using Stencil.Ir.Analysis;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>The dominator tree as child lists (children in reverse post-order, so walks are deterministic),
/// and a pre-order walk with enter/exit events for passes that keep scoped state.</summary>
internal sealed class DominatorChildren
{
    private readonly Dictionary<Block, List<Block>> _children = [];

    public DominatorChildren(DominatorTree dom)
    {
        Dom = dom;
        foreach (var b in dom.ReversePostOrder)
            if (dom.ImmediateDominator(b) is { } parent)
            {
                if (!_children.TryGetValue(parent, out var list)) _children[parent] = list = [];
                list.Add(b);
            }
    }

    public DominatorTree Dom { get; }

    public IReadOnlyList<Block> Children(Block b) => _children.TryGetValue(b, out var l) ? l : [];

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
