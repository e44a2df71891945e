namespace Stencil.Ir.Interpretation;

/// <summary>
/// f32/f64 arithmetic and comparison with IEEE 754 semantics. Sign operations (fneg, fabs,
/// fcopysign) work on bits so NaN payloads survive; a NaN produced by arithmetic is made
/// deterministic (the first NaN operand, quieted, else the positive canonical NaN) rather than
/// whatever the host FPU would return.
/// </summary>
internal static class FloatOps
{
    private const uint F32Sign = 0x8000_0000, F32Quiet = 0x0040_0000, F32CanonicalNaN = 0x7FC0_0000;
    private const ulong F64Sign = 0x8000_0000_0000_0000, F64Quiet = 0x0008_0000_0000_0000, F64CanonicalNaN = 0x7FF8_0000_0000_0000;

    public static bool TryEvaluate(InstructionData d, ReadOnlySpan<DataValue> a, IrType[] rt, Span<DataValue> r)
    {
        IrType ty = rt.Length > 0 ? rt[0] : IrType.Invalid;
        switch (d.Opcode)
        {
            case Opcode.F32const: r[0] = new DataValue(IrType.F32, (uint)d.Imm); return true;
            case Opcode.F64const: r[0] = new DataValue(IrType.F64, (ulong)d.Imm); return true;
            case Opcode.Fneg: r[0] = new DataValue(ty, a[0].Bits ^ SignBit(ty)); return true;
            case Opcode.Fabs: r[0] = new DataValue(ty, a[0].Bits & ~SignBit(ty)); return true;
            case Opcode.Fcopysign: r[0] = new DataValue(ty, (a[0].Bits & ~SignBit(ty)) | (a[1].Bits & SignBit(ty))); return true;
            case Opcode.Fcmp: r[0] = DataValue.Bool(Compare(d.FloatCond, a[0], a[1])); return true;
            case Opcode.Fadd or Opcode.Fsub or Opcode.Fmul or Opcode.Fdiv or Opcode.Fmin or Opcode.Fmax:
                r[0] = ty == IrType.F32
                    ? Arith32(d.Opcode, a[0], a[1])
                    : Arith64(d.Opcode, a[0], a[1]);
                return true;
            case Opcode.Sqrt or Opcode.Ceil or Opcode.Floor or Opcode.Trunc or Opcode.Nearest:
                r[0] = Round(d.Opcode, a[0]); return true;
            case Opcode.Fma: r[0] = Fma(a[0], a[1], a[2]); return true;
            default: return false;
        }
    }

    private static UInt128 SignBit(IrType ty) => ty == IrType.F32 ? F32Sign : F64Sign;

    public static bool Compare(FloatCC cc, DataValue x, DataValue y) =>
        cc.Evaluate(x.Type == IrType.F32 ? x.AsF32() : x.AsF64(), y.Type == IrType.F32 ? y.AsF32() : y.AsF64());

    private static DataValue Arith32(Opcode op, DataValue x, DataValue y)
    {
        float a = x.AsF32(), b = y.AsF32();
        float v = op switch
        {
            Opcode.Fadd => a + b,
            Opcode.Fsub => a - b,
            Opcode.Fmul => a * b,
            Opcode.Fdiv => a / b,
            Opcode.Fmin => MathF.Min(a, b),
            _ => MathF.Max(a, b),
        };
        return Result32(v, x, y);
    }

    private static DataValue Arith64(Opcode op, DataValue x, DataValue y)
    {
        double a = x.AsF64(), b = y.AsF64();
        double v = op switch
        {
            Opcode.Fadd => a + b,
            Opcode.Fsub => a - b,
            Opcode.Fmul => a * b,
            Opcode.Fdiv => a / b,
            Opcode.Fmin => Math.Min(a, b),
            _ => Math.Max(a, b),
        };
        return Result64(v, x, y);
    }

    private static DataValue Round(Opcode op, DataValue x)
    {
        if (x.Type == IrType.F32)
        {
            float a = x.AsF32();
            float v = op switch
            {
                Opcode.Sqrt => MathF.Sqrt(a),
                Opcode.Ceil => MathF.Ceiling(a),
                Opcode.Floor => MathF.Floor(a),
                Opcode.Trunc => MathF.Truncate(a),
                _ => MathF.Round(a, MidpointRounding.ToEven),
            };
            return Result32(v, x);
        }
        double b = x.AsF64();
        double u = op switch
        {
            Opcode.Sqrt => Math.Sqrt(b),
            Opcode.Ceil => Math.Ceiling(b),
            Opcode.Floor => Math.Floor(b),
            Opcode.Trunc => Math.Truncate(b),
            _ => Math.Round(b, MidpointRounding.ToEven),
        };
        return Result64(u, x);
    }

    private static DataValue Fma(DataValue x, DataValue y, DataValue z) => x.Type == IrType.F32
        ? Result32(MathF.FusedMultiplyAdd(x.AsF32(), y.AsF32(), z.AsF32()), x, y, z)
        : Result64(Math.FusedMultiplyAdd(x.AsF64(), y.AsF64(), z.AsF64()), x, y, z);

    public static DataValue Ceil(DataValue x) => Round(Opcode.Ceil, x);
    public static DataValue Floor(DataValue x) => Round(Opcode.Floor, x);
    public static DataValue Truncate(DataValue x) => Round(Opcode.Trunc, x);
    public static DataValue Nearest(DataValue x) => Round(Opcode.Nearest, x);
    public static DataValue FusedMultiplyAdd(DataValue x, DataValue y, DataValue z) => Fma(x, y, z);

    private static DataValue Result32(float v, params ReadOnlySpan<DataValue> inputs)
    {
        if (!float.IsNaN(v)) return DataValue.F32(v);
        foreach (var i in inputs) if (i.IsNaN) return new DataValue(IrType.F32, i.Bits | F32Quiet);
        return new DataValue(IrType.F32, F32CanonicalNaN);
    }

    private static DataValue Result64(double v, params ReadOnlySpan<DataValue> inputs)
    {
        if (!double.IsNaN(v)) return DataValue.F64(v);
        foreach (var i in inputs) if (i.IsNaN) return new DataValue(IrType.F64, i.Bits | F64Quiet);
        return new DataValue(IrType.F64, F64CanonicalNaN);
    }
}
