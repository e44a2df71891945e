using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>Value operands: that each one is defined, its definition is in the layout, and it dominates the use.</summary>
internal sealed partial class VerifierRun
{
    private readonly HashSet<Value> _reportedValues = [];

    /// <summary>Follows aliases without trusting them: a malformed alias may point outside the value table or form a cycle.</summary>
    private bool TryResolve(Value v, out Value root, out string problem)
    {
        root = v;
        for (int guard = 0; guard <= _dfg.NumValues; guard++)
        {
            if (!_dfg.IsValidValue(root)) { problem = root == v ? $"{v}, which does not exist" : $"{v}, an alias of {root}, which does not exist"; return false; }
            var def = _dfg.ValueDef(root);
            switch (def.Kind)
            {
                case ValueDefKind.Alias: root = def.AliasOf; continue;
                case ValueDefKind.Detached: problem = root == v ? $"{v}, which is not defined" : $"{v}, an alias of {root}, which is not defined"; return false;
                default: problem = ""; return true;
            }
        }
        problem = $"{v}, whose aliases form a cycle";
        return false;
    }

    /// <summary>The type of a value, Invalid when it does not resolve.</summary>
    private IrType TypeOf(Value v) => TryResolve(v, out var root, out _) ? _dfg.ValueType(root) : IrType.Invalid;

    // The operands of the instruction being checked, refilled for each one.
    private readonly List<Value> _operands = [];

    /// <summary>Checks every value the instruction reads, including branch arguments, in a fixed order; true
    /// when all resolve to values with well-formed types (so type checks can run).</summary>
    private bool CheckValues(Inst inst, Block block, InstructionData d)
    {
        bool allGood = true;
        // A value used twice by one instruction is reported once.
        _reportedValues.Clear();
        _operands.Clear();
        _dfg.CollectOperands(d, _operands);
        foreach (var v in _operands)
        {
            if (!CheckValue(inst, block, v, _reportedValues)) allGood = false;
        }
        return allGood;
    }

    private bool CheckValue(Inst inst, Block block, Value v, HashSet<Value> reported)
    {
        if (!TryResolve(v, out var root, out var problem))
        {
            if (reported.Add(v)) Report(UndefinedValue, inst, $"uses {problem}");
            return false;
        }
        var def = _dfg.ValueDef(root);
        bool reachable = _domTree.IsReachable(block);
        if (def.Kind == ValueDefKind.Result)
        {
            var defInst = def.Inst;
            if (!InLayout(defInst))
            {
                if (reported.Add(v)) Report(LayoutMembership, inst, $"uses {v}, defined by {defInst}, which is not in the layout");
                return false;
            }
            var defBlock = _instBlock[defInst.Index];
            if (defBlock == block)
            {
                // Straight-line order inside one block holds whether or not the block is reachable.
                if (_instIndex[defInst.Index] >= _instIndex[inst.Index] && reported.Add(v))
                    Report(NotDominated, inst, defInst == inst ? $"uses its own result {v}" : $"uses {v} before its definition by {defInst}");
            }
            else if (reachable && !_domTree.Dominates(defBlock, block) && reported.Add(v))
            {
                Report(NotDominated, inst, $"uses {v}, but its definition {defInst} in {defBlock} does not dominate {block}");
            }
        }
        else
        {
            var defBlock = def.Block;
            if (!_dfg.IsValidBlock(defBlock) || !InLayout(defBlock))
            {
                if (reported.Add(v)) Report(LayoutMembership, inst, $"uses {v}, a parameter of {defBlock}, which is not in the layout");
                return false;
            }
            if (reachable && !_domTree.Dominates(defBlock, block) && reported.Add(v))
                Report(NotDominated, inst, $"uses {v}, a parameter of {defBlock}, which does not dominate {block}");
        }
        return TypeClasses.IsWellFormed(_dfg.ValueType(root));
    }
}
