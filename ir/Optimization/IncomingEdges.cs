using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Where each block's incoming edges are: a branch and the position of the edge among its
/// <see cref="BranchTargets"/> (direct destinations, then its jump table's default and entries). Found in one
/// walk, so a pass reads one block's edges without scanning every jump table that names it: a
/// <c>br_table</c> over thousands of blocks would otherwise be scanned once per block. Positions stay valid
/// while passes rewrite edges' arguments, not while they retarget edges.
/// </summary>
internal sealed class IncomingEdges
{
    private readonly List<(Inst Branch, int Position)>?[] _edges;

    private IncomingEdges(int blocks) => _edges = new List<(Inst, int)>?[blocks];

    public static IncomingEdges Compute(FunctionStencil f)
    {
        var dfg = f.Dfg;
        var result = new IncomingEdges(dfg.NumBlocks);
        // A jump table shared by several br_tables holds each edge once.
        var tables = new HashSet<uint>();
        foreach (var block in f.Layout.BlockSpan)
            foreach (var inst in f.Layout.InstSpan(block))
            {
                var d = dfg[inst];
                if (!d.Opcode.Info().IsBranch) continue;
                int direct = d.Destinations?.Length ?? 0;
                bool sharedTable = d.Format == InstructionFormat.BranchTable && !tables.Add(d.JumpTable.Index);
                var targets = BranchTargets.Of(dfg, d, exceptionEdges: false);
                for (int k = 0; k < targets.Count; k++)
                {
                    if (k >= direct && sharedTable) break;
                    var to = targets[k].Block;
                    if (to.Index >= (uint)result._edges.Length) continue;
                    (result._edges[to.Index] ??= []).Add((inst, k));
                }
            }
        return result;
    }

    /// <summary>The edges to <paramref name="block"/> as they are now (arguments included).</summary>
    public Enumerator To(DataFlowGraph dfg, Block block) => new(dfg, block.Index < (uint)_edges.Length ? _edges[block.Index] : null);

    public struct Enumerator(DataFlowGraph dfg, List<(Inst Branch, int Position)>? edges)
    {
        private int _index = -1;

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext() => edges is not null && ++_index < edges.Count;

        public readonly BlockCall Current
        {
            get
            {
                var (branch, position) = edges![_index];
                return BranchTargets.Of(dfg, dfg[branch], exceptionEdges: false)[position];
            }
        }
    }
}
