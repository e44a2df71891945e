using Stencil.Ir.Analysis;
using Stencil.Ir.Entities;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

[TestClass]
public sealed class DominatorTreeTests
{
    /// <summary>Builds a function whose blocks 0..n-1 branch as <paramref name="edges"/> says (block i's successors).</summary>
    private static (Function F, Block[] Blocks) Graph(params int[][] edges)
    {
        var (f, c, entry, _) = Start([IrType.I32]);
        var blocks = new Block[edges.Length];
        blocks[0] = entry;
        for (int i = 1; i < edges.Length; i++) { blocks[i] = f.Dfg.MakeBlock(); f.Layout.AppendBlock(blocks[i]); }
        for (int i = 0; i < edges.Length; i++)
        {
            c.AtBottom(blocks[i]);
            var cond = c.Ins().Iconst(IrType.I32, 1);
            switch (edges[i].Length)
            {
                case 0: c.Ins().Return(); break;
                case 1: c.Ins().Jump(blocks[edges[i][0]]); break;
                case 2: c.Ins().Brif(cond, blocks[edges[i][0]], [], blocks[edges[i][1]], []); break;
                default:
                    var jt = f.CreateJumpTable(new JumpTableData(BlockCall.To(blocks[edges[i][0]]), edges[i].Skip(1).Select(e => BlockCall.To(blocks[e])).ToArray()));
                    c.Ins().BrTable(cond, jt);
                    break;
            }
        }
        return (f, blocks);
    }

    private static DominatorTree Dom(Function f) => DominatorTree.Compute(f, ControlFlowGraph.Compute(f));

    [TestMethod]
    public void DiamondJoinIsDominatedByTheEntryOnly()
    {
        var (f, b) = Graph([1, 2], [3], [3], []);
        var dom = Dom(f);
        Assert.IsNull(dom.ImmediateDominator(b[0]));
        Assert.AreEqual(b[0], dom.ImmediateDominator(b[1]));
        Assert.AreEqual(b[0], dom.ImmediateDominator(b[2]));
        Assert.AreEqual(b[0], dom.ImmediateDominator(b[3]));
        Assert.IsFalse(dom.Dominates(b[1], b[3]));
        Assert.IsTrue(dom.Dominates(b[0], b[3]));
        Assert.IsTrue(dom.Dominates(b[3], b[3]));
        Assert.AreEqual(b[0], dom.ReversePostOrder[0]);
        Assert.AreEqual(b[3], dom.ReversePostOrder[^1]);
        AssertClean(f);
    }

    [TestMethod]
    public void LoopHeaderDominatesBodyAndExit()
    {
        // 0 -> 1 (header) -> 2 (body) -> 1; 1 -> 3 (exit)
        var (f, b) = Graph([1], [2, 3], [1], []);
        var dom = Dom(f);
        Assert.AreEqual(b[1], dom.ImmediateDominator(b[2]));
        Assert.AreEqual(b[1], dom.ImmediateDominator(b[3]));
        Assert.IsFalse(dom.Dominates(b[2], b[1]));
        var cfg = ControlFlowGraph.Compute(f);
        CollectionAssert.AreEquivalent(new[] { b[0], b[2] }, cfg.Predecessors(b[1]).ToArray());
        CollectionAssert.AreEqual(new[] { b[2], b[3] }, cfg.Successors(b[1]).ToArray());
    }

    [TestMethod]
    public void IrreducibleGraphConverges()
    {
        // 0 -> 1 | 2; 1 <-> 2; 2 -> 3: neither loop entry dominates the other.
        var (f, b) = Graph([1, 2], [2], [1, 3], []);
        var dom = Dom(f);
        Assert.AreEqual(b[0], dom.ImmediateDominator(b[1]));
        Assert.AreEqual(b[0], dom.ImmediateDominator(b[2]));
        Assert.AreEqual(b[2], dom.ImmediateDominator(b[3]));
    }

    [TestMethod]
    public void UnreachableBlocksDominateNothing()
    {
        var (f, b) = Graph([2], [2], []);
        var dom = Dom(f);
        Assert.IsFalse(dom.IsReachable(b[1]));
        Assert.IsNull(dom.ImmediateDominator(b[1]));
        Assert.IsFalse(dom.Dominates(b[1], b[2]));
        Assert.IsFalse(dom.Dominates(b[0], b[1]));
        Assert.IsTrue(dom.Dominates(b[1], b[1]));
        Assert.AreEqual(2, dom.ReversePostOrder.Count);
    }

    [TestMethod]
    public void BrTableEdgesAreFollowedOnce()
    {
        var (f, b) = Graph([1, 2, 2, 1], [3], [3], []);
        var cfg = ControlFlowGraph.Compute(f);
        CollectionAssert.AreEqual(new[] { b[1], b[2] }, cfg.Successors(b[0]).ToArray());
        Assert.AreEqual(1, cfg.Predecessors(b[2]).Count);
        Assert.AreEqual(b[0], Dom(f).ImmediateDominator(b[3]));
        AssertClean(f);
    }

    [TestMethod]
    public void PredecessorsComeInLayoutOrderWithTheirBranches()
    {
        // 0 -> 3 | 1; 1 -> br_table 3, [2, 3, 3]; 2 -> 3: block 3 is reached by three branches, the br_table's listed once.
        var (f, b) = Graph([3, 1], [3, 2, 3, 3], [3], []);
        var cfg = ControlFlowGraph.Compute(f);
        CollectionAssert.AreEqual(new[] { b[0], b[1], b[2] }, cfg.Predecessors(b[3]).ToArray());
        var branches = new[] { b[0], b[1], b[2] }.Select(x => f.Layout.LastInst(x)!.Value).ToArray();
        CollectionAssert.AreEqual(branches, cfg.PredecessorBranches(b[3]).ToArray());
        CollectionAssert.AreEqual(new[] { b[3], b[2] }, cfg.Successors(b[1]).ToArray());
        Assert.IsEmpty(cfg.Successors(b[3]));
        Assert.IsEmpty(cfg.Predecessors(new Block(99)));
        Assert.AreEqual(f.Dfg.NumBlocks, cfg.Capacity);
    }

    [TestMethod]
    public void InstructionDominanceFollowsBlockOrder()
    {
        var (f, b) = Graph([1], []);
        var dom = Dom(f);
        var first = f.Layout.BlockInsts(b[0])[0];
        var jump = f.Layout.BlockInsts(b[0])[1];
        var ret = f.Layout.BlockInsts(b[1])[1];
        Assert.IsTrue(dom.Dominates(first, jump, f.Layout));
        Assert.IsFalse(dom.Dominates(jump, first, f.Layout));
        Assert.IsTrue(dom.Dominates(first, ret, f.Layout));
        Assert.IsFalse(dom.Dominates(ret, first, f.Layout));
        Assert.IsTrue(dom.Dominates(ret, ret, f.Layout));
    }

    [TestMethod]
    public void DeepChainDoesNotOverflowTheStack()
    {
        var edges = Enumerable.Range(0, 20000).Select(i => i < 19999 ? new[] { i + 1 } : Array.Empty<int>()).ToArray();
        var (f, b) = Graph(edges);
        var dom = Dom(f);
        Assert.AreEqual(b[19998], dom.ImmediateDominator(b[19999]));
        Assert.IsTrue(dom.Dominates(b[0], b[19999]));
    }

    [TestMethod]
    public void RandomGraphsAgreeWithTheDefinition()
    {
        // a dominates b exactly when b is unreachable from the entry once a is removed (and b is reachable at all).
        var rng = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            int n = 2 + rng.Next(12);
            var edges = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, rng.Next(4)).Select(_ => 1 + rng.Next(n - 1)).ToArray()).ToArray();
            var (f, b) = Graph(edges);
            var dom = Dom(f);
            bool[] Reach(int removed)
            {
                var seen = new bool[n];
                var stack = new Stack<int>();
                if (removed != 0) { seen[0] = true; stack.Push(0); }
                while (stack.Count > 0)
                    foreach (var s in edges[stack.Pop()].Where(s => s != removed && !seen[s])) { seen[s] = true; stack.Push(s); }
                return seen;
            }
            var reachable = Reach(-1);
            for (int x = 0; x < n; x++)
            {
                Assert.AreEqual(reachable[x], dom.IsReachable(b[x]));
                var without = Reach(x);
                for (int y = 0; y < n; y++)
                {
                    bool expected = x == y || (reachable[y] && !without[y]);
                    Assert.AreEqual(expected, dom.Dominates(b[x], b[y]), $"round {round}: block{x} dom block{y}");
                }
            }
        }
    }

    [TestMethod]
    public void EmptyFunctionHasAnEmptyTree()
    {
        var f = new Function();
        var dom = Dom(f);
        Assert.AreEqual(0, dom.ReversePostOrder.Count);
        Assert.IsFalse(dom.IsReachable(new Block(0)));
    }
}
