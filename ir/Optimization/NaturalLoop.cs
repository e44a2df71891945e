using Stencil.Ir.Analysis;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>A natural loop: a header that dominates the sources of its back edges, and every block that
/// reaches one of those sources without passing the header.</summary>
internal sealed class NaturalLoop(Block header, HashSet<Block> body)
{
    public Block Header { get; } = header;
    public HashSet<Block> Body { get; } = body;

    /// <summary>The loops of a function, innermost (smallest) first, ties by header index; one loop per header.</summary>
    public static List<NaturalLoop> Find(ControlFlowGraph cfg, DominatorTree dom)
    {
        var byHeader = new Dictionary<Block, HashSet<Block>>();
        foreach (var b in dom.ReversePostOrder)
            foreach (var s in cfg.SuccessorSpan(b))
            {
                if (!dom.Dominates(s, b)) continue;
                if (!byHeader.TryGetValue(s, out var body)) byHeader[s] = body = [s];
                var work = new Stack<Block>();
                if (body.Add(b)) work.Push(b);
                while (work.Count > 0)
                    foreach (var p in cfg.PredecessorSpan(work.Pop()))
                        if (dom.IsReachable(p) && body.Add(p)) work.Push(p);
            }
        return byHeader.Select(kv => new NaturalLoop(kv.Key, kv.Value))
            .OrderBy(l => l.Body.Count).ThenBy(l => l.Header.Index).ToList();
    }
}
