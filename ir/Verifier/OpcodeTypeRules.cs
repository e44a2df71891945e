using static Stencil.Ir.Verification.TypeClass;

namespace Stencil.Ir.Verification;

/// <summary>
/// The per-opcode type constraints, written once as data (the opcode table holds formats and result
/// rules; this holds what the verifier additionally needs). Every opcode has a row.
/// </summary>
internal static class OpcodeTypeRules
{
    private static readonly OperandRule C = OperandRule.Ctrl, L = OperandRule.Lane, A = OperandRule.Address;
    private static readonly OperandRule AnyInt = OperandRule.In(IntScalar);
    private static readonly OpcodeTypeRule[] Rows = Build();

    public static OpcodeTypeRule For(Opcode opcode) => Rows[(int)opcode];

    private static OpcodeTypeRule[] Build()
    {
        var rows = new OpcodeTypeRule?[Enum.GetValues<Opcode>().Length];
        void R(OpcodeTypeRule rule, params Opcode[] ops)
        {
            foreach (var op in ops)
            {
                if (rows[(int)op] is not null) throw new InvalidOperationException($"verifier type table has two rows for {op}");
                rows[(int)op] = rule;
            }
        }
        OpcodeTypeRule T(TypeClass ctrl, params OperandRule[] operands) => new(ctrl, operands);

        // constants and addresses
        R(T(IntScalar) with { Immediate = ImmediateRule.FitsType }, Opcode.Iconst);
        R(T(None) with { Immediate = ImmediateRule.Bits16 }, Opcode.F16const);
        R(T(None) with { Immediate = ImmediateRule.Bits32 }, Opcode.F32const);
        R(T(None), Opcode.F64const);
        R(T(None) with { Immediate = ImmediateRule.ConstantMatchesType }, Opcode.F128const);
        R(T(Vector) with { Immediate = ImmediateRule.ConstantMatchesType }, Opcode.Vconst);
        R(T(IntScalar), Opcode.GlobalValue, Opcode.SymbolValue, Opcode.TlsValue, Opcode.FuncAddr, Opcode.StackAddr,
            Opcode.GetFramePointer, Opcode.GetStackPointer, Opcode.GetReturnAddress, Opcode.GetPinnedReg);
        R(T(IntScalar, C), Opcode.SetPinnedReg);
        R(T(None), Opcode.Nop, Opcode.Jump, Opcode.Trap, Opcode.Debugtrap, Opcode.SequencePoint, Opcode.Fence);

        // control flow; calls and returns are variadic and checked against signatures
        R(T(IntScalar, C), Opcode.Brif, Opcode.Trapz, Opcode.Trapnz);
        R(T(IntScalar, C) with { Relation = TypeRelation.ExactType, Exact = IrType.I32 }, Opcode.BrTable);
        R(new OpcodeTypeRule(None, null), Opcode.Return, Opcode.Call, Opcode.CallIndirect, Opcode.ReturnCall, Opcode.ReturnCallIndirect,
            Opcode.TryCall, Opcode.TryCallIndirect);

        // integer arithmetic
        R(T(Int, C, C), Opcode.Iadd, Opcode.Isub, Opcode.Imul, Opcode.Umulhi, Opcode.Smulhi, Opcode.Udiv, Opcode.Sdiv,
            Opcode.Urem, Opcode.Srem, Opcode.Smin, Opcode.Umin, Opcode.Smax, Opcode.Umax,
            Opcode.UaddSat, Opcode.SaddSat, Opcode.UsubSat, Opcode.SsubSat);
        R(T(IntVector, C, C), Opcode.AvgRound, Opcode.IaddPairwise, Opcode.SqmulRoundSat, Opcode.Snarrow, Opcode.Unarrow, Opcode.Uunarrow);
        R(T(Int, C), Opcode.Ineg, Opcode.Iabs, Opcode.Clz, Opcode.Cls, Opcode.Ctz, Opcode.Popcnt, Opcode.Bitrev, Opcode.Bswap);
        R(T(IntScalar, C, C), Opcode.UaddOverflow, Opcode.SaddOverflow, Opcode.UsubOverflow, Opcode.SsubOverflow,
            Opcode.UmulOverflow, Opcode.SmulOverflow, Opcode.UaddOverflowTrap);
        R(T(IntScalar, C, C, OperandRule.Of(IrType.I8)), Opcode.UaddOverflowCin, Opcode.SaddOverflowCin,
            Opcode.UsubOverflowBin, Opcode.SsubOverflowBin);
        R(T(IntScalar, C) with { Immediate = ImmediateRule.FitsType }, Opcode.IaddImm, Opcode.ImulImm, Opcode.UdivImm,
            Opcode.SdivImm, Opcode.UremImm, Opcode.SremImm, Opcode.IrsubImm, Opcode.BandImm, Opcode.BorImm, Opcode.BxorImm,
            Opcode.IcmpImm);

        // bitwise operations work on the bits of any type
        R(T(Any, C, C), Opcode.Band, Opcode.Bor, Opcode.Bxor, Opcode.BandNot, Opcode.BorNot, Opcode.BxorNot);
        R(T(Any, C), Opcode.Bnot);
        R(T(Int, C, AnyInt), Opcode.Ishl, Opcode.Ushr, Opcode.Sshr, Opcode.Rotl, Opcode.Rotr);
        R(T(Int, C) with { Immediate = ImmediateRule.ShiftAmount }, Opcode.IshlImm, Opcode.UshrImm, Opcode.SshrImm,
            Opcode.RotlImm, Opcode.RotrImm);
        R(T(Int, OperandRule.In(Int)), Opcode.Bmask);

        // comparisons and selection
        R(T(Int, C, C), Opcode.Icmp);
        R(T(Float, C, C), Opcode.Fcmp);
        R(T(Any, AnyInt, C, C), Opcode.Select, Opcode.SelectSpectreGuard);
        R(T(Any, C, C, C), Opcode.Bitselect);

        // conversions
        R(T(IntScalar, C, C), Opcode.Iconcat);
        R(T(IntScalar, C), Opcode.Isplit);
        R(T(Int, OperandRule.In(Int)) with { Relation = TypeRelation.OperandNarrower }, Opcode.Uextend, Opcode.Sextend);
        R(T(Int, OperandRule.In(Int)) with { Relation = TypeRelation.OperandWider }, Opcode.Ireduce);
        R(T(FloatScalar, OperandRule.In(FloatScalar)) with { Relation = TypeRelation.OperandNarrower }, Opcode.Fpromote);
        R(T(FloatScalar, OperandRule.In(FloatScalar)) with { Relation = TypeRelation.OperandWider }, Opcode.Fdemote);
        R(T(Any, OperandRule.In(Any)) with { Relation = TypeRelation.SameSize }, Opcode.Bitcast);
        R(T(IntScalar, OperandRule.In(FloatScalar)), Opcode.FcvtToUint, Opcode.FcvtToSint);
        R(T(Int, OperandRule.In(Float)) with { Relation = TypeRelation.SameLaneCount }, Opcode.FcvtToUintSat, Opcode.FcvtToSintSat);
        R(T(Float, OperandRule.In(Int)) with { Relation = TypeRelation.SameLaneCount }, Opcode.FcvtFromUint, Opcode.FcvtFromSint);

        // floating point
        R(T(Float, C, C), Opcode.Fadd, Opcode.Fsub, Opcode.Fmul, Opcode.Fdiv, Opcode.Fcopysign, Opcode.Fmin, Opcode.Fmax);
        R(T(Float, C), Opcode.Sqrt, Opcode.Fneg, Opcode.Fabs, Opcode.Ceil, Opcode.Floor, Opcode.Trunc, Opcode.Nearest);
        R(T(Float, C, C, C), Opcode.Fma);

        // memory
        R(T(Any, A), Opcode.Load);
        R(T(IntScalar, A) with { Relation = TypeRelation.WiderThanMemory, MemoryBits = 8 }, Opcode.Uload8, Opcode.Sload8);
        R(T(IntScalar, A) with { Relation = TypeRelation.WiderThanMemory, MemoryBits = 16 }, Opcode.Uload16, Opcode.Sload16);
        R(T(IntScalar, A) with { Relation = TypeRelation.WiderThanMemory, MemoryBits = 32 }, Opcode.Uload32, Opcode.Sload32);
        R(T(IntVector, A) with { Relation = TypeRelation.ExactType, Exact = IrType.Vector(IrType.I16, 8) }, Opcode.Uload8x8, Opcode.Sload8x8);
        R(T(IntVector, A) with { Relation = TypeRelation.ExactType, Exact = IrType.Vector(IrType.I32, 4) }, Opcode.Uload16x4, Opcode.Sload16x4);
        R(T(IntVector, A) with { Relation = TypeRelation.ExactType, Exact = IrType.Vector(IrType.I64, 2) }, Opcode.Uload32x2, Opcode.Sload32x2);
        R(T(Any, C, A), Opcode.Store);
        R(T(IntScalar, C, A) with { Relation = TypeRelation.WiderThanMemory, MemoryBits = 8 }, Opcode.Istore8);
        R(T(IntScalar, C, A) with { Relation = TypeRelation.WiderThanMemory, MemoryBits = 16 }, Opcode.Istore16);
        R(T(IntScalar, C, A) with { Relation = TypeRelation.WiderThanMemory, MemoryBits = 32 }, Opcode.Istore32);
        R(T(Any), Opcode.StackLoad);
        R(T(Any, C), Opcode.StackStore);
        R(T(IntScalar, A, C), Opcode.AtomicRmw);
        R(T(IntScalar, A, C, C), Opcode.AtomicCas);
        R(T(IntScalar, A), Opcode.AtomicLoad);
        R(T(IntScalar, C, A), Opcode.AtomicStore);

        // vectors
        R(T(Vector, L), Opcode.Splat, Opcode.ScalarToVector);
        R(T(Vector, C) with { Immediate = ImmediateRule.LaneIndex }, Opcode.Extractlane);
        R(T(Vector, C, L) with { Immediate = ImmediateRule.LaneIndex }, Opcode.Insertlane);
        R(T(IntVector, C, C) with { Relation = TypeRelation.ExactType, Exact = IrType.Vector(IrType.I8, 16), Immediate = ImmediateRule.ShuffleMask }, Opcode.Shuffle);
        R(T(IntVector, C, C) with { Relation = TypeRelation.ExactType, Exact = IrType.Vector(IrType.I8, 16) }, Opcode.Swizzle);
        R(T(Vector, C), Opcode.VallTrue, Opcode.VanyTrue);
        R(T(IntScalar, OperandRule.In(Vector)), Opcode.VhighBits);
        R(T(IntVector, C), Opcode.SwidenLow, Opcode.SwidenHigh, Opcode.UwidenLow, Opcode.UwidenHigh);
        R(T(FloatVector, C), Opcode.FvpromoteLow, Opcode.Fvdemote);
        R(T(Vector, C), Opcode.ExtractVector);

        for (int i = 0; i < rows.Length; i++)
            if (rows[i] is null) throw new InvalidOperationException($"verifier type table has no row for {(Opcode)i}");
        return rows!;
    }
}
