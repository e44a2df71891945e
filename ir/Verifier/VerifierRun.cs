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

    // Indexed by block and instruction number (functions number them densely): blocks that are valid,
    // inserted, and seen once in the layout; for instructions of those blocks, their block and their index
    // inside it (-1 for instructions outside them).
    private readonly bool[] _goodBlocks;
    private readonly Block[] _instBlock;
    private readonly int[] _instIndex;
    private readonly DominatorTree _domTree;

    public VerifierRun(Function func, Func<Inst, (int Line, int Column)>? position, string? file)
    {
        _func = func;
        _dfg = func.Dfg;
        _layout = func.Layout;
        _position = position;
        _file = file;
        _goodBlocks = new bool[_dfg.NumBlocks];
        _instBlock = new Block[_dfg.NumInsts];
        _instIndex = new int[_dfg.NumInsts];
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

        var seenBlocks = new bool[_dfg.NumBlocks];
        var seenInsts = new bool[_dfg.NumInsts];
        foreach (var block in _layout.BlockSpan)
        {
            if (Full) break;
            if (!_dfg.IsValidBlock(block)) { Report(InvalidEntity, $"the layout lists {block}, which does not exist"); continue; }
            if (seenBlocks[block.Index]) { Report(LayoutMembership, $"{block} is in the layout twice"); continue; }
            seenBlocks[block.Index] = true;
            if (!_layout.IsBlockInserted(block)) { Report(LayoutMembership, $"{block} is listed in the block order but was never inserted into the layout"); continue; }
            CheckBlockParams(block);
            VerifyBlock(block, seenInsts);
        }
        return _diags;
    }

    private void VerifyBlock(Block block, bool[] seenInsts)
    {
        var insts = _layout.InstSpan(block);
        if (insts.Length == 0) { Report(BadTerminator, $"{block} is empty; every block must end in a terminator"); return; }
        for (int k = 0; k < insts.Length && !Full; k++)
        {
            var inst = insts[k];
            if (!_dfg.IsValidInst(inst)) { Report(InvalidEntity, $"{block} lists {inst}, which does not exist"); continue; }
            if (seenInsts[inst.Index]) { Report(LayoutMembership, inst, $"is in the layout twice"); continue; }
            seenInsts[inst.Index] = true;
            if ((uint)_dfg[inst].Opcode >= (uint)OpcodeTable.All.Count) { Report(InvalidEntity, inst, $"has opcode number {(int)_dfg[inst].Opcode}, which does not exist"); continue; }
            CheckInst(inst, block);
            bool isTerminator = _dfg[inst].Opcode.Info().IsTerminator;
            if (isTerminator && k != insts.Length - 1)
                Report(BadTerminator, inst, $"is a terminator but is not the last instruction of {block}");
            else if (!isTerminator && k == insts.Length - 1)
                Report(BadTerminator, inst, $"ends {block} but is not a terminator");
        }
    }

    private void IndexLayout()
    {
        Array.Fill(_instIndex, -1);
        foreach (var block in _layout.BlockSpan)
        {
            if (!_dfg.IsValidBlock(block) || !_layout.IsBlockInserted(block) || _goodBlocks[block.Index]) continue;
            _goodBlocks[block.Index] = true;
            var insts = _layout.InstSpan(block);
            for (int k = 0; k < insts.Length; k++)
            {
                // Instructions the data-flow graph does not have are reported when their block is checked.
                var inst = insts[k];
                if (!_dfg.IsValidInst(inst) || _instIndex[inst.Index] >= 0) continue;
                _instIndex[inst.Index] = k;
                _instBlock[inst.Index] = block;
            }
        }
    }

    /// <summary>True when the block is (once) in the layout; the value-use checks rely on this.</summary>
    private bool InLayout(Block block) => block.Index < (uint)_goodBlocks.Length && _goodBlocks[block.Index];

    /// <summary>True for a valid instruction of a block that is <see cref="InLayout(Block)"/>: a layout holds an
    /// instruction at most once, so the block that lists it is the block it is in.</summary>
    private bool InLayout(Inst inst) => _instIndex[inst.Index] >= 0;

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
