using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

internal sealed partial class X64Lowering
{
    /// <summary>Lowers the scalar float instructions; false when <paramref name="inst"/> is not one this backend knows.</summary>
    private bool LowerFloatInst(Inst inst)
    {
        var d = _dfg[inst];
        var t = _dfg.ControllingType(inst);
        switch (d.Opcode)
        {
            case Opcode.F32const:
                FloatConst(Result(inst), d.Imm & 0xFFFF_FFFFL, 4);
                return true;
            case Opcode.F64const:
                FloatConst(Result(inst), d.Imm, 8);
                return true;
            case Opcode.Fadd when t.IsFloat: FloatBinary(inst, FAluOp.Add); return true;
            case Opcode.Fsub when t.IsFloat: FloatBinary(inst, FAluOp.Sub); return true;
            case Opcode.Fmul when t.IsFloat: FloatBinary(inst, FAluOp.Mul); return true;
            case Opcode.Fdiv when t.IsFloat: FloatBinary(inst, FAluOp.Div); return true;
            case Opcode.Sqrt when t.IsFloat:
                Emit(MInst.FAluRR(FAluOp.Sqrt, Result(inst), Get(d.Args[0]), SizeOf(t)));
                return true;
            case Opcode.Fneg when t.IsFloat: SignBitOp(inst, FAluOp.Xor, signBit: true); return true;
            case Opcode.Fabs when t.IsFloat: SignBitOp(inst, FAluOp.And, signBit: false); return true;
            case Opcode.Fcmp:
                LowerFcmp(inst);
                return true;
            case Opcode.FcvtFromSint when t.IsFloat:
            {
                var from = TypeOf(d.Args[0]);
                RequireInt(inst, from);
                var src = Get(d.Args[0]);
                if (from.Bits < 32)
                {
                    var ext = Temp();
                    Extend(ext, src, from, signed: true);
                    src = ext;
                }
                Emit(MInst.CvtIntToFloat(Result(inst), src, OpSize(from), SizeOf(t)));
                return true;
            }
            case Opcode.FcvtFromUint when t.IsFloat && TypeOf(d.Args[0]) == IrType.I64:
                Emit(MInst.CvtUint64ToFloat(Result(inst), Get(d.Args[0]), SizeOf(t)));
                return true;
            case Opcode.FcvtFromUint when t.IsFloat && TypeOf(d.Args[0]) is { IsInt: true, Bits: < 64 } from:
            {
                // Zero-extended to 64 bits, every unsigned value below 2^32 is a non-negative i64.
                var ext = Temp();
                Extend(ext, Get(d.Args[0]), from, signed: false);
                Emit(MInst.CvtIntToFloat(Result(inst), ext, 8, SizeOf(t)));
                return true;
            }
            case Opcode.FcvtToSint or Opcode.FcvtToSintSat when t is { IsInt: true, Bits: >= 32 } && TypeOf(d.Args[0]).IsFloat:
                Emit(MInst.CvtFloatToInt(Result(inst), Get(d.Args[0]), SizeOf(t), SizeOf(TypeOf(d.Args[0])), d.Opcode == Opcode.FcvtToSintSat));
                return true;
            case Opcode.FcvtToUint or Opcode.FcvtToUintSat when t is { IsInt: true, Bits: >= 32 } && TypeOf(d.Args[0]).IsFloat:
                Emit(MInst.CvtFloatToUint(Result(inst), Get(d.Args[0]), SizeOf(t), SizeOf(TypeOf(d.Args[0])), d.Opcode == Opcode.FcvtToUintSat));
                return true;
            case Opcode.Fmin or Opcode.Fmax when t.IsFloat:
            {
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                Emit(MInst.FMinMax(dst, Get(d.Args[1]), SizeOf(t), d.Opcode == Opcode.Fmax));
                return true;
            }
            case Opcode.Fcopysign when t.IsFloat:
            {
                int size = SizeOf(t);
                var sign = Temp(RegClass.Float);
                FloatConst(sign, size == 4 ? 0x8000_0000L : long.MinValue, size);
                var magnitude = Temp(RegClass.Float);
                FloatConst(magnitude, size == 4 ? 0x7FFF_FFFFL : long.MaxValue, size);
                var dst = Result(inst);
                Emit(MInst.Mov(dst, Get(d.Args[0])));
                Emit(MInst.FAluRR(FAluOp.And, dst, magnitude, size));
                var b = Temp(RegClass.Float);
                Emit(MInst.Mov(b, Get(d.Args[1])));
                Emit(MInst.FAluRR(FAluOp.And, b, sign, size));
                Emit(MInst.FAluRR(FAluOp.Or, dst, b, size));
                return true;
            }
            case Opcode.Ceil or Opcode.Floor or Opcode.Trunc or Opcode.Nearest when t.IsFloat && _flags.HasSse41:
            {
                var mode = d.Opcode switch
                {
                    Opcode.Ceil => RoundMode.Up, Opcode.Floor => RoundMode.Down, Opcode.Trunc => RoundMode.Zero, _ => RoundMode.Nearest,
                };
                Emit(MInst.Round(Result(inst), Get(d.Args[0]), mode, SizeOf(t)));
                return true;
            }
            case Opcode.Ceil or Opcode.Floor or Opcode.Trunc or Opcode.Nearest when t.IsFloat:
            {
                bool f32 = t == IrType.F32;
                var call = d.Opcode switch
                {
                    Opcode.Ceil => f32 ? LibCall.CeilF32 : LibCall.CeilF64,
                    Opcode.Floor => f32 ? LibCall.FloorF32 : LibCall.FloorF64,
                    Opcode.Trunc => f32 ? LibCall.TruncF32 : LibCall.TruncF64,
                    _ => f32 ? LibCall.NearestF32 : LibCall.NearestF64,
                };
                FloatLibCall(call, Result(inst), d.Args);
                return true;
            }
            case Opcode.Fma when t.IsFloat:
                FloatLibCall(t == IrType.F32 ? LibCall.FmaF32 : LibCall.FmaF64, Result(inst), d.Args);
                return true;
            case Opcode.Fpromote when t == IrType.F64 && TypeOf(d.Args[0]) == IrType.F32:
            case Opcode.Fdemote when t == IrType.F32 && TypeOf(d.Args[0]) == IrType.F64:
                Emit(MInst.CvtFloatToFloat(Result(inst), Get(d.Args[0]), SizeOf(t)));
                return true;
            case Opcode.Bitcast:
            {
                var from = TypeOf(d.Args[0]);
                if (from.Bits != t.Bits) return false;
                if (from.IsInt && t.IsFloat) Emit(MInst.GprToXmm(Result(inst), Get(d.Args[0]), SizeOf(t)));
                else if (from.IsFloat && t.IsInt) Emit(MInst.XmmToGpr(Result(inst), Get(d.Args[0]), SizeOf(t)));
                else Emit(MInst.Mov(Result(inst), Get(d.Args[0])));
                return true;
            }
        }
        return false;
    }

    /// <summary>Rounding without SSE4.1 and fused multiply-add (no FMA): call the C library, floats in xmm0.., result in xmm0.</summary>
    private void FloatLibCall(LibCall call, Reg dst, Value[] args)
    {
        var regs = new Reg[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            regs[i] = X64Regs.FloatArgs[i];
            Emit(MInst.Mov(regs[i], Get(args[i])));
        }
        Emit(MInst.Call(ExternalName.FromLibCall(call), CallReloc(colocated: false), regs));
        Emit(MInst.Mov(dst, X64Regs.FloatRets[0]));
    }

    /// <summary>Float constants travel through a general register: no constant pool needed, still position-independent.</summary>
    private void FloatConst(Reg dst, long bits, int size)
    {
        var tmp = Const(bits);
        Emit(MInst.GprToXmm(dst, tmp, size));
    }

    private void FloatBinary(Inst inst, FAluOp op)
    {
        var d = _dfg[inst];
        var dst = Result(inst);
        Emit(MInst.Mov(dst, Get(d.Args[0])));
        Emit(MInst.FAluRR(op, dst, Get(d.Args[1]), SizeOf(_dfg.ControllingType(inst))));
    }

    /// <summary>fneg flips and fabs clears the sign bit, with a mask built in a general register.</summary>
    private void SignBitOp(Inst inst, FAluOp op, bool signBit)
    {
        var t = _dfg.ControllingType(inst);
        int size = SizeOf(t);
        long sign = size == 4 ? 0x8000_0000L : long.MinValue;
        var mask = Temp(RegClass.Float);
        FloatConst(mask, signBit ? sign : (size == 4 ? 0x7FFF_FFFFL : long.MaxValue), size);
        var dst = Result(inst);
        Emit(MInst.Mov(dst, Get(_dfg[inst].Args[0])));
        Emit(MInst.FAluRR(op, dst, mask, size));
    }

    /// <summary>ucomis sets ZF, PF and CF all for unordered; each FloatCC is one or two flag tests,
    /// with the operands swapped for the less-than family so that "unordered" falls on the right side.</summary>
    private void LowerFcmp(Inst inst)
    {
        var (cc, second, both) = EmitFloatCompare(inst);
        var dst = Result(inst);
        Emit(MInst.Setcc(cc, dst));
        if (second is { } cc2)
        {
            var other = Temp();
            Emit(MInst.Setcc(cc2, other));
            Emit(MInst.AluRR(both ? AluOp.And : AluOp.Or, dst, other, 4));
        }
    }

    /// <summary>Emits the ucomis of an fcmp; the condition holds when <c>Cc</c> holds, and also <c>Second</c> when there is
    /// one (both of them when <c>Both</c>, else either).</summary>
    private (CondCode Cc, CondCode? Second, bool Both) EmitFloatCompare(Inst inst)
    {
        var d = _dfg[inst];
        var t = TypeOf(d.Args[0]);
        if (!t.IsFloat) throw Unsupported(inst);
        int size = SizeOf(t);
        var a = Get(d.Args[0]);
        var b = Get(d.Args[1]);
        (bool swap, CondCode cc, CondCode? second, bool both) = d.FloatCond switch
        {
            FloatCC.Ordered => (false, CondCode.NP, (CondCode?)null, false),
            FloatCC.Unordered => (false, CondCode.P, null, false),
            FloatCC.Equal => (false, CondCode.E, CondCode.NP, true),
            FloatCC.NotEqual => (false, CondCode.NE, CondCode.P, false),
            FloatCC.OrderedNotEqual => (false, CondCode.NE, null, false),
            FloatCC.UnorderedOrEqual => (false, CondCode.E, null, false),
            FloatCC.GreaterThan => (false, CondCode.A, null, false),
            FloatCC.GreaterThanOrEqual => (false, CondCode.AE, null, false),
            FloatCC.LessThan => (true, CondCode.A, null, false),
            FloatCC.LessThanOrEqual => (true, CondCode.AE, null, false),
            FloatCC.UnorderedOrLessThan => (false, CondCode.B, null, false),
            FloatCC.UnorderedOrLessThanOrEqual => (false, CondCode.BE, null, false),
            FloatCC.UnorderedOrGreaterThan => (true, CondCode.B, null, false),
            _ => (true, CondCode.BE, null, false),
        };
        Emit(swap ? MInst.FCmp(b, a, size) : MInst.FCmp(a, b, size));
        return (cc, second, both);
    }
}
