using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>
/// Everything that decides a function's machine code, and nothing else: two equal stencils compile to
/// identical code, so the stencil (canonically encoded) is the cache key. Names are only indices into
/// <see cref="FunctionParameters"/>; source locations are relative to the parameters' base.
/// </summary>
public sealed class FunctionStencil
{
    private readonly Dictionary<Inst, RelSourceLoc> _srcLocs = [];

    public Signature Signature { get; set; } = new();
    public List<StackSlotData> SizedStackSlots { get; } = [];
    public List<GlobalValueData> GlobalValues { get; } = [];
    /// <summary>Dynamic vector types (<c>dtN</c>), in declaration order.</summary>
    public List<DynamicTypeData> DynamicTypes { get; } = [];
    public DataFlowGraph Dfg { get; } = new();
    public Layout Layout { get; } = new();
    /// <summary>The global value holding the stack limit, when the function checks one.</summary>
    public GlobalValue? StackLimit { get; set; }

    /// <summary>Makes room for about this many instructions, values and blocks, so that a front end that can
    /// estimate a function's size builds it without regrowing every table of the graph and the layout.</summary>
    public void Reserve(int insts, int values, int blocks)
    {
        Dfg.Reserve(insts, values, blocks);
        Layout.Reserve(blocks, insts);
    }

    public RelSourceLoc SrcLoc(Inst inst) => _srcLocs.TryGetValue(inst, out var l) ? l : RelSourceLoc.Default;

    internal void SetRelSrcLoc(Inst inst, RelSourceLoc loc)
    {
        if (loc.IsDefault) _srcLocs.Remove(inst); else _srcLocs[inst] = loc;
    }

    public bool HasSrcLocs => _srcLocs.Count > 0;
}
