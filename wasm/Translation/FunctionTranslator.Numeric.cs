using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Wasm.Abi;

namespace Stencil.Wasm.Translation;

/// <summary>
/// Numeric operators. Where wasm traps, the condition is tested explicitly before the instruction that would otherwise
/// fault or trap in hardware (division by zero, signed overflow, float-to-int out of range), so generated code never
/// faults; the conversion itself is then the saturating one, which cannot trap either.
/// </summary>
internal sealed partial class FunctionTranslator
{
    private void TranslateNumeric(WasmOperator op)
    {
        switch (op.Kind)
        {
            case OperatorKind.IntBinary or OperatorKind.FloatBinary:
            {
                var b = Pop();
                var a = Pop();
                Push(Ins.Binary(op.IrOp, a, b));
                return;
            }
            case OperatorKind.IntDivide: Push(Divide(op)); return;
            case OperatorKind.IntUnary or OperatorKind.FloatUnary: Push(Ins.Unary(op.IrOp, Pop())); return;
            case OperatorKind.IntCompare:
            {
                var b = Pop();
                var a = Pop();
                Push(Bool32(Ins.Icmp(op.IntCond, a, b)));
                return;
            }
            case OperatorKind.IntEqz: Push(Bool32(Ins.IcmpImm(IntCC.Equal, Pop(), 0))); return;
            case OperatorKind.FloatCompare:
            {
                var b = Pop();
                var a = Pop();
                Push(Bool32(Ins.Fcmp(op.FloatCond, a, b)));
                return;
            }
            case OperatorKind.Wrap or OperatorKind.Extend or OperatorKind.TruncSaturating or OperatorKind.ConvertFromInt
                or OperatorKind.Demote or OperatorKind.Promote or OperatorKind.Reinterpret:
                Push(Ins.Convert(op.IrOp, op.To, Pop()));
                return;
            case OperatorKind.SignExtendNarrow:
            {
                var narrow = Ins.Convert(Opcode.Ireduce, IrType.IntOfBits(op.Bits), Pop());
                Push(Ins.Convert(Opcode.Sextend, op.To, narrow));
                return;
            }
            case OperatorKind.TruncTrapping: Push(TruncChecked(op)); return;
            default: throw new InvalidOperationException($"operator kind {op.Kind} is not numeric");
        }
    }

    private Value Bool32(Value condition) => Ins.Convert(Opcode.Uextend, IrType.I32, condition);

    private Value Divide(WasmOperator op)
    {
        var b = Pop();
        var a = Pop();
        TrapIf(Ins.IcmpImm(IntCC.Equal, b, 0), WasmTrapKind.IntegerDivideByZero);
        if (op.IrOp == Opcode.Sdiv)
        {
            // MIN / -1 overflows (x86 would fault); MIN % -1 is 0, which srem gives.
            long min = op.To.Bits == 32 ? int.MinValue : long.MinValue;
            var isMin = Ins.IcmpImm(IntCC.Equal, a, min);
            var isMinusOne = Ins.IcmpImm(IntCC.Equal, b, -1);
            TrapIf(Ins.Band(isMin, isMinusOne), WasmTrapKind.IntegerOverflow);
        }
        return Ins.Binary(op.IrOp, a, b);
    }

    /// <summary>
    /// <c>iN.trunc_fM_s/u</c>: NaN is an invalid conversion; a value whose truncation does not fit is an integer
    /// overflow. The range is tested against exclusive bounds exactly representable in the source type, as Wasmtime does.
    /// </summary>
    private Value TruncChecked(WasmOperator op)
    {
        var x = Pop();
        TrapIf(Ins.Fcmp(FloatCC.Unordered, x, x), WasmTrapKind.InvalidConversionToInteger);
        var (lower, upper) = TruncBounds(op.From, op.To.Bits, op.Signed);
        var below = Ins.Fcmp(FloatCC.LessThanOrEqual, x, FloatConst(op.From, lower));
        var above = Ins.Fcmp(FloatCC.GreaterThanOrEqual, x, FloatConst(op.From, upper));
        TrapIf(Ins.Bor(below, above), WasmTrapKind.IntegerOverflow);
        return Ins.Convert(op.IrOp, op.To, x);
    }

    /// <summary>Exclusive bounds: a value <c>&lt;= lower</c> or <c>&gt;= upper</c> does not truncate into the integer type.</summary>
    internal static (double Lower, double Upper) TruncBounds(IrType from, int bits, bool signed)
    {
        if (!signed) return (-1.0, Math.ScaleB(1.0, bits));
        double min = -Math.ScaleB(1.0, bits - 1);
        // MIN - 1 when the source type holds it exactly (f64 to i32), else the next value below MIN in the source type.
        double lower = from == IrType.F64 && bits == 32 ? min - 1 : from == IrType.F64 ? Math.BitDecrement(min) : MathF.BitDecrement((float)min);
        return (lower, -min);
    }

    private Value FloatConst(IrType type, double value) => type == IrType.F32 ? Ins.F32const((float)value) : Ins.F64const(value);
}
