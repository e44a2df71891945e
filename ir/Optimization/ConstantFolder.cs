using Stencil.Ir.Entities;
using Stencil.Ir.Interpretation;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Evaluates integer instructions whose operands are all constants, with the interpreter's own
/// definitions of every opcode, so folding can never disagree with execution. An evaluation that traps
/// (division by zero, signed overflow) is left in place: the trap is the instruction's behaviour.
/// </summary>
internal static class ConstantFolder
{
    public static bool TryFold(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        if (d.Opcode == Opcode.Iconst || d.Args.Length == 0) return false;
        if ((d.Opcode.Info().Flags & ~OpcodeFlags.CanTrap) != 0) return false;
        if (d.Format is not (InstructionFormat.Unary or InstructionFormat.Binary or InstructionFormat.BinaryImm64
            or InstructionFormat.IntCompare or InstructionFormat.IntCompareImm or InstructionFormat.Ternary)) return false;
        var results = dfg.InstResults(inst);
        if (results.Count != 1) return false;
        var type = dfg.ValueType(results[0]);
        if (!IntConstants.IsFoldableType(type)) return false;

        Span<DataValue> args = stackalloc DataValue[d.Args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            if (!IntConstants.TryGet(dfg, d.Args[i], out var bits)) return false;
            args[i] = DataValue.FromBits(dfg.ValueType(d.Args[i]), bits);
        }
        Span<DataValue> r = stackalloc DataValue[1];
        IrType[] rt = [type];
        try
        {
            if (!IntegerOps.TryEvaluate(d, args, rt, r) && !Conversions.TryEvaluate(d, args, rt, r)) return false;
        }
        catch (TrapException)
        {
            return false;
        }
        IntConstants.MakeIconst(dfg, inst, type, (ulong)r[0].Bits);
        return true;
    }
}
