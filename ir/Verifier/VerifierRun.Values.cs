using System.Runtime.CompilerServices;
using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>Value operands: that each one is defined, its definition is in the layout, and it dominates the use.</summary>
internal sealed partial class VerifierRun
{
    private readonly HashSet<Value> _reportedValues = [];

    private enum Resolution : byte { Resolved, Missing, Undefined, Cycle }

    /// <summary>Follows aliases without trusting them: a malformed alias may point outside the value table or form a cycle.</summary>
    private Resolution Resolve(Value v, out Value root)
    {
        root = v;
        for (int guard = 0; guard <= _dfg.NumValues; guard++)
        {
            if (!_dfg.IsValidValue(root)) return Resolution.Missing;
            var def = _dfg.ValueDef(root);
            switch (def.Kind)
            {
                case ValueDefKind.Alias: root = def.AliasOf; continue;
                case ValueDefKind.Detached: return Resolution.Undefined;
                default: return Resolution.Resolved;
            }
        }
        return Resolution.Cycle;
    }

    /// <summary>The type of a value, Invalid when it does not resolve.</summary>
    private IrType TypeOf(Value v) => Resolve(v, out var root) == Resolution.Resolved ? _dfg.ValueType(root) : IrType.Invalid;

    // The operands of the instruction being checked, refilled for each one, and the types of its
    // arguments (the first operands), which the type checks read when every operand resolved.
    private readonly List<Value> _operands = [];
    private readonly List<IrType> _argTypes = [];

    /// <summary>The type of argument <paramref name="i"/> of the instruction being checked, once its values checked out.</summary>
    private IrType ArgType(int i) => _argTypes[i];

    /// <summary>Checks every value the instruction reads, including branch arguments, in a fixed order; true
    /// when all resolve to values with well-formed types (so type checks can run).</summary>
    private bool CheckValues(Inst inst, Block block, InstructionData d)
    {
        bool allGood = true;
        // A value used twice by one instruction is reported once.
        _reportedValues.Clear();
        _operands.Clear();
        _argTypes.Clear();
        _dfg.CollectOperands(d, _operands);
        int args = d.Args?.Length ?? 0;
        for (int i = 0; i < _operands.Count; i++)
        {
            if (!CheckValue(inst, block, _operands[i], _reportedValues, out var type)) allGood = false;
            if (i < args) _argTypes.Add(type);
        }
        return allGood;
    }

    private enum UseProblem : byte { DefinerOutOfLayout, OwnResult, BeforeDefinition, ResultNotDominating, ParamOutOfLayout, ParamNotDominating }

    // Checked for every operand: the messages live in ReportUse and ReportUnresolved, off this path.
    private bool CheckValue(Inst inst, Block block, Value v, HashSet<Value> reported, out IrType type)
    {
        type = IrType.Invalid;
        var resolution = Resolve(v, out var root);
        if (resolution != Resolution.Resolved)
        {
            if (reported.Add(v)) ReportUnresolved(inst, v, root, resolution);
            return false;
        }
        var def = _dfg.ValueDef(root);
        bool reachable = _domTree.IsReachable(block);
        if (def.Kind == ValueDefKind.Result)
        {
            var defInst = def.Inst;
            if (!InLayout(defInst))
            {
                if (reported.Add(v)) ReportUse(UseProblem.DefinerOutOfLayout, inst, v, defInst, default, block);
                return false;
            }
            var defBlock = _instBlock[defInst.Index];
            if (defBlock == block)
            {
                // Straight-line order inside one block holds whether or not the block is reachable.
                if (_instIndex[defInst.Index] >= _instIndex[inst.Index] && reported.Add(v))
                    ReportUse(defInst == inst ? UseProblem.OwnResult : UseProblem.BeforeDefinition, inst, v, defInst, defBlock, block);
            }
            else if (reachable && !_domTree.Dominates(defBlock, block) && reported.Add(v))
            {
                ReportUse(UseProblem.ResultNotDominating, inst, v, defInst, defBlock, block);
            }
        }
        else
        {
            var defBlock = def.Block;
            if (!_dfg.IsValidBlock(defBlock) || !InLayout(defBlock))
            {
                if (reported.Add(v)) ReportUse(UseProblem.ParamOutOfLayout, inst, v, default, defBlock, block);
                return false;
            }
            if (reachable && !_domTree.Dominates(defBlock, block) && reported.Add(v))
                ReportUse(UseProblem.ParamNotDominating, inst, v, default, defBlock, block);
        }
        type = _dfg.ValueType(root);
        return TypeClasses.IsWellFormed(type);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportUnresolved(Inst inst, Value v, Value root, Resolution resolution)
    {
        string problem = resolution switch
        {
            Resolution.Missing => root == v ? $"{v}, which does not exist" : $"{v}, an alias of {root}, which does not exist",
            Resolution.Undefined => root == v ? $"{v}, which is not defined" : $"{v}, an alias of {root}, which is not defined",
            _ => $"{v}, whose aliases form a cycle",
        };
        Report(UndefinedValue, inst, $"uses {problem}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportUse(UseProblem problem, Inst inst, Value v, Inst defInst, Block defBlock, Block block)
    {
        switch (problem)
        {
            case UseProblem.DefinerOutOfLayout: Report(LayoutMembership, inst, $"uses {v}, defined by {defInst}, which is not in the layout"); break;
            case UseProblem.OwnResult: Report(NotDominated, inst, $"uses its own result {v}"); break;
            case UseProblem.BeforeDefinition: Report(NotDominated, inst, $"uses {v} before its definition by {defInst}"); break;
            case UseProblem.ResultNotDominating: Report(NotDominated, inst, $"uses {v}, but its definition {defInst} in {defBlock} does not dominate {block}"); break;
            case UseProblem.ParamOutOfLayout: Report(LayoutMembership, inst, $"uses {v}, a parameter of {defBlock}, which is not in the layout"); break;
            default: Report(NotDominated, inst, $"uses {v}, a parameter of {defBlock}, which does not dominate {block}"); break;
        }
    }
}
