using System.Collections.Frozen;
using static Stencil.Ir.InstructionFormat;
using static Stencil.Ir.OpcodeFlags;
using static Stencil.Ir.ResultRule;

namespace Stencil.Ir;

/// <summary>The one table of opcode facts: format, flags, result rule and controlling operand.</summary>
public static class OpcodeTable
{
    private const sbyte Explicit = -1, NoCtrl = -2;
    private const OpcodeFlags Term = IsTerminator, Br = IsTerminator | IsBranch, Ret = IsTerminator | IsReturn;
    private const OpcodeFlags Ld = CanLoad | CanTrap, St = CanStore | CanTrap;

    private static readonly OpcodeInfo[] Rows = Build();
    private static readonly FrozenDictionary<string, Opcode> ByName = Rows.ToFrozenDictionary(r => r.Name, r => r.Opcode, StringComparer.Ordinal);
    // Readers look opcodes up straight from the source text, without a string per instruction.
    private static readonly FrozenDictionary<string, Opcode>.AlternateLookup<ReadOnlySpan<char>> BySpan = ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static OpcodeInfo Info(this Opcode opcode) => Rows[(int)opcode];
    public static string Name(this Opcode opcode) => Rows[(int)opcode].Name;
    public static IReadOnlyList<OpcodeInfo> All => Rows;

    public static bool TryParse(string name, out Opcode opcode) => ByName.TryGetValue(name, out opcode);
    public static bool TryParse(ReadOnlySpan<char> name, out Opcode opcode) => BySpan.TryGetValue(name, out opcode);

    private static OpcodeInfo[] Build()
    {
        var rows = new OpcodeInfo?[Enum.GetValues<Opcode>().Length];
        void R(Opcode op, InstructionFormat f, OpcodeFlags fl, ResultRule r, sbyte ctrl, IrType fixedType = default) =>
            rows[(int)op] = new OpcodeInfo(op, SnakeCase(op.ToString()), f, fl, r, ctrl, fixedType);
        void Many(InstructionFormat f, OpcodeFlags fl, ResultRule r, sbyte ctrl, params Opcode[] ops) { foreach (var op in ops) R(op, f, fl, r, ctrl); }

        R(Opcode.Iconst, UnaryImm, None, Ctrl, Explicit);
        R(Opcode.F16const, UnaryIeee16, None, Fixed, NoCtrl, IrType.F16);
        R(Opcode.F32const, UnaryIeee32, None, Fixed, NoCtrl, IrType.F32);
        R(Opcode.F64const, UnaryIeee64, None, Fixed, NoCtrl, IrType.F64);
        R(Opcode.F128const, UnaryConst, None, Fixed, NoCtrl, IrType.F128);
        R(Opcode.Vconst, UnaryConst, None, Ctrl, Explicit);
        Many(UnaryGlobalValue, None, Ctrl, Explicit, Opcode.GlobalValue, Opcode.SymbolValue, Opcode.TlsValue);
        R(Opcode.FuncAddr, FuncAddr, None, Ctrl, Explicit);
        R(Opcode.StackAddr, StackLoad, None, Ctrl, Explicit);
        Many(Nullary, None, Ctrl, Explicit, Opcode.GetFramePointer, Opcode.GetStackPointer, Opcode.GetReturnAddress, Opcode.GetPinnedReg);
        R(Opcode.SetPinnedReg, Unary, OtherSideEffects, Empty, 0);
        R(Opcode.Nop, Nullary, None, Empty, NoCtrl);

        R(Opcode.Jump, Jump, Br, Empty, NoCtrl);
        R(Opcode.Brif, Brif, Br, Empty, 0);
        R(Opcode.BrTable, BranchTable, Br, Empty, 0);
        R(Opcode.Return, MultiAry, Ret, Empty, NoCtrl);
        R(Opcode.Call, InstructionFormat.Call, IsCall | OtherSideEffects, ResultRule.Call, NoCtrl);
        R(Opcode.CallIndirect, CallIndirect, IsCall | OtherSideEffects, ResultRule.Call, 0);
        R(Opcode.ReturnCall, InstructionFormat.Call, Ret | IsCall, Empty, NoCtrl);
        R(Opcode.ReturnCallIndirect, CallIndirect, Ret | IsCall, Empty, 0);
        // Like Cranelift's, these end their block; successors live in the exception table, not in Destinations.
        R(Opcode.TryCall, InstructionFormat.TryCall, Term | IsCall | OtherSideEffects, Empty, NoCtrl);
        R(Opcode.TryCallIndirect, InstructionFormat.TryCallIndirect, Term | IsCall | OtherSideEffects, Empty, 0);
        R(Opcode.Trap, Trap, Term | CanTrap, Empty, NoCtrl);
        Many(CondTrap, CanTrap, Empty, 0, Opcode.Trapz, Opcode.Trapnz);
        Many(Nullary, OtherSideEffects, Empty, NoCtrl, Opcode.Debugtrap, Opcode.SequencePoint, Opcode.Fence);

        Many(Binary, None, Ctrl, 0, Opcode.Iadd, Opcode.Isub, Opcode.Imul, Opcode.Umulhi, Opcode.Smulhi, Opcode.Smin, Opcode.Umin,
            Opcode.Smax, Opcode.Umax, Opcode.AvgRound, Opcode.UaddSat, Opcode.SaddSat, Opcode.UsubSat, Opcode.SsubSat,
            Opcode.Band, Opcode.Bor, Opcode.Bxor, Opcode.BandNot, Opcode.BorNot, Opcode.BxorNot,
            Opcode.Ishl, Opcode.Ushr, Opcode.Sshr, Opcode.Rotl, Opcode.Rotr,
            Opcode.Fadd, Opcode.Fsub, Opcode.Fmul, Opcode.Fdiv, Opcode.Fcopysign, Opcode.Fmin, Opcode.Fmax,
            Opcode.Swizzle, Opcode.IaddPairwise, Opcode.SqmulRoundSat);
        Many(Binary, CanTrap, Ctrl, 0, Opcode.Udiv, Opcode.Sdiv, Opcode.Urem, Opcode.Srem);
        Many(Binary, None, CtrlAndI8, 0, Opcode.UaddOverflow, Opcode.SaddOverflow, Opcode.UsubOverflow, Opcode.SsubOverflow,
            Opcode.UmulOverflow, Opcode.SmulOverflow);
        Many(Ternary, None, CtrlAndI8, 0, Opcode.UaddOverflowCin, Opcode.SaddOverflowCin, Opcode.UsubOverflowBin, Opcode.SsubOverflowBin);
        R(Opcode.UaddOverflowTrap, IntAddTrap, CanTrap, Ctrl, 0);
        Many(BinaryImm64, None, Ctrl, 0, Opcode.IaddImm, Opcode.ImulImm, Opcode.IrsubImm, Opcode.BandImm, Opcode.BorImm, Opcode.BxorImm,
            Opcode.IshlImm, Opcode.UshrImm, Opcode.SshrImm, Opcode.RotlImm, Opcode.RotrImm);
        Many(BinaryImm64, CanTrap, Ctrl, 0, Opcode.UdivImm, Opcode.SdivImm, Opcode.UremImm, Opcode.SremImm);
        Many(Unary, None, Ctrl, 0, Opcode.Ineg, Opcode.Iabs, Opcode.Bnot, Opcode.Clz, Opcode.Cls, Opcode.Ctz, Opcode.Popcnt, Opcode.Bitrev,
            Opcode.Bswap, Opcode.Sqrt, Opcode.Fneg, Opcode.Fabs, Opcode.Ceil, Opcode.Floor, Opcode.Trunc, Opcode.Nearest);
        Many(Unary, None, Ctrl, Explicit, Opcode.Bmask, Opcode.Uextend, Opcode.Sextend, Opcode.Ireduce, Opcode.Fpromote, Opcode.Fdemote,
            Opcode.FcvtToUintSat, Opcode.FcvtToSintSat, Opcode.FcvtFromUint, Opcode.FcvtFromSint, Opcode.Splat, Opcode.ScalarToVector, Opcode.VhighBits);
        Many(Unary, CanTrap, Ctrl, Explicit, Opcode.FcvtToUint, Opcode.FcvtToSint);
        R(Opcode.Bitcast, LoadNoOffset, None, Ctrl, Explicit);

        R(Opcode.Icmp, IntCompare, None, Bool, 0);
        R(Opcode.IcmpImm, IntCompareImm, None, Bool, 0);
        R(Opcode.Fcmp, FloatCompare, None, Bool, 0);
        Many(Ternary, None, Ctrl, 1, Opcode.Select, Opcode.SelectSpectreGuard, Opcode.Bitselect);
        R(Opcode.Fma, Ternary, None, Ctrl, 0);
        R(Opcode.Iconcat, Binary, None, Concat, 0);
        R(Opcode.Isplit, Unary, None, Split, 0);

        Many(Load, Ld, Ctrl, Explicit, Opcode.Load, Opcode.Uload8, Opcode.Sload8, Opcode.Uload16, Opcode.Sload16, Opcode.Uload32, Opcode.Sload32,
            Opcode.Uload8x8, Opcode.Sload8x8, Opcode.Uload16x4, Opcode.Sload16x4, Opcode.Uload32x2, Opcode.Sload32x2);
        Many(Store, St, Empty, 0, Opcode.Store, Opcode.Istore8, Opcode.Istore16, Opcode.Istore32);
        R(Opcode.StackLoad, StackLoad, CanLoad, Ctrl, Explicit);
        R(Opcode.StackStore, StackStore, CanStore, Empty, 0);
        R(Opcode.AtomicRmw, AtomicRmw, Ld | St, Ctrl, 1);
        R(Opcode.AtomicCas, AtomicCas, Ld | St, Ctrl, 1);
        R(Opcode.AtomicLoad, LoadNoOffset, Ld, Ctrl, Explicit);
        R(Opcode.AtomicStore, StoreNoOffset, St, Empty, 0);

        R(Opcode.Extractlane, BinaryImm8, None, Lane, 0);
        R(Opcode.Insertlane, TernaryImm8, None, Ctrl, 0);
        R(Opcode.Shuffle, Shuffle, None, Ctrl, 0);
        Many(Unary, None, I8, 0, Opcode.VallTrue, Opcode.VanyTrue);
        Many(Unary, None, Widen, 0, Opcode.SwidenLow, Opcode.SwidenHigh, Opcode.UwidenLow, Opcode.UwidenHigh, Opcode.FvpromoteLow);
        Many(Binary, None, Narrow, 0, Opcode.Snarrow, Opcode.Unarrow, Opcode.Uunarrow);
        R(Opcode.Fvdemote, Unary, None, Narrow, 0);
        R(Opcode.ExtractVector, BinaryImm8, None, Ctrl, 0);

        for (int i = 0; i < rows.Length; i++)
            if (rows[i] is null) throw new InvalidOperationException($"opcode table has no row for {(Opcode)i}");
        return rows!;
    }

    private static string SnakeCase(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c)) { if (i > 0) sb.Append('_'); sb.Append(char.ToLowerInvariant(c)); }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
