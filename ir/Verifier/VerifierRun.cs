using Stencil.Ir.Analysis;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>One verification of one function: the walk over the layout and the shared state of the checks
/// (the other parts of this partial class hold the checks, one concern per file).</summary>
internal sealed partial class VerifierRun
{
    private readonly Function _func;
    private readonly DataFlowGraph _dfg;
    private readonly Layout _layout;
    private readonly Func<Inst, (int Line, int Column)>? _position;
    private readonly string? _file;
    private readonly List<Diagnostic> _diags = [];

    // Blocks that are valid, inserted, and seen once in the layout; instructions of those blocks with
    // their index inside the block (first occurrence only).
    private readonly HashSet<Block> _goodBlocks = [];
    private readonly Dictionary<Inst, int> _instIndex = [];
    private readonly DominatorTree _domTree;

    public VerifierRun(Function func, Func<Inst, (int Line, int Column)>? position, string? file)
    {
        _func = func;
        _dfg = func.Dfg;
        _layout = func.Layout;
        _position = position;
        _file = file;
        IndexLayout();
        _domTree = DominatorTree.Compute(func, ControlFlowGraph.Compute(func));
    }

    private bool Full => _diags.Count >= Verifier.MaxDiagnostics;

    public IReadOnlyList<Diagnostic> Run()
    {
        CheckDeclarations();
        if (_layout.BlockCount == 0)
        {
            Report(NoEntryBlock, "function has no blocks, so no entry block");
            return _diags;
        }
        CheckEntryBlock();

        var seenBlocks = new HashSet<Block>();
        var seenInsts = new HashSet<Inst>();
        foreach (var block in _layout.Blocks)
        {
            if (Full) break;
            if (!_dfg.IsValidBlock(block)) { Report(InvalidEntity, $"the layout lists {block}, which does not exist"); continue; }
            if (!seenBlocks.Add(block)) { Report(LayoutMembership, $"{block} is in the layout twice"); continue; }
            if (!_layout.IsBlockInserted(block)) { Report(LayoutMembership, $"{block} is listed in the block order but was never inserted into the layout"); continue; }
            CheckBlockParams(block);
            VerifyBlock(block, seenInsts);
        }
        return _diags;
    }

    private void VerifyBlock(Block block, HashSet<Inst> seenInsts)
    {
        var insts = _layout.BlockInsts(block);
        if (insts.Count == 0) { Report(BadTerminator, $"{block} is empty; every block must end in a terminator"); return; }
        for (int k = 0; k < insts.Count && !Full; k++)
        {
            var inst = insts[k];
            if (!_dfg.IsValidInst(inst)) { Report(InvalidEntity, $"{block} lists {inst}, which does not exist"); continue; }
            if (!seenInsts.Add(inst)) { Report(LayoutMembership, inst, $"is in the layout twice"); continue; }
            if ((uint)_dfg[inst].Opcode >= (uint)OpcodeTable.All.Count) { Report(InvalidEntity, inst, $"has opcode number {(int)_dfg[inst].Opcode}, which does not exist"); continue; }
            CheckInst(inst, block);
            bool isTerminator = _dfg[inst].Opcode.Info().IsTerminator;
            if (isTerminator && k != insts.Count - 1)
                Report(BadTerminator, inst, $"is a terminator but is not the last instruction of {block}");
            else if (!isTerminator && k == insts.Count - 1)
                Report(BadTerminator, inst, $"ends {block} but is not a terminator");
        }
    }

    private void IndexLayout()
    {
        foreach (var block in _layout.Blocks)
        {
            if (!_dfg.IsValidBlock(block) || !_layout.IsBlockInserted(block) || !_goodBlocks.Add(block)) continue;
            var insts = _layout.BlockInsts(block);
            for (int k = 0; k < insts.Count; k++)
                _instIndex.TryAdd(insts[k], k);
        }
    }

    /// <summary>True when the block is (once) in the layout; the value-use checks rely on this.</summary>
    private bool InLayout(Block block) => _goodBlocks.Contains(block);

    private bool InLayout(Inst inst) => _instIndex.ContainsKey(inst) && _layout.InstBlock(inst) is { } b && InLayout(b);

    private void Report(string code, string message) => Add(Diagnostic.Error(code, message, _file));

    private void Report(string code, Inst inst, string message)
    {
        var (line, column) = _position?.Invoke(inst) ?? (0, 0);
        Add(Diagnostic.Error(code, $"{inst} (`{InstFormatter.Format(_func, inst)}`): {message}", _file, line, column));
    }

    private void Add(Diagnostic d)
    {
        if (!Full) _diags.Add(d);
    }
}
