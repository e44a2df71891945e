namespace Stencil.Ir;

/// <summary>Every instruction the IR knows. Text names are the members in snake case (see <see cref="OpcodeTable"/>),
/// and all facts about each live in that one table.</summary>
public enum Opcode : ushort
{
    // constants and addresses
    Iconst, F16const, F32const, F64const, F128const, Vconst, GlobalValue, SymbolValue, TlsValue, FuncAddr, StackAddr,
    GetFramePointer, GetStackPointer, GetReturnAddress, GetPinnedReg, SetPinnedReg, Nop,
    // control flow
    Jump, Brif, BrTable, Return, Call, CallIndirect, ReturnCall, ReturnCallIndirect, Trap, Trapz, Trapnz, Debugtrap, SequencePoint,
    TryCall, TryCallIndirect,
    // integer arithmetic
    Iadd, Isub, Imul, Umulhi, Smulhi, Udiv, Sdiv, Urem, Srem, Ineg, Iabs, Smin, Umin, Smax, Umax, AvgRound,
    UaddSat, SaddSat, UsubSat, SsubSat, UaddOverflow, SaddOverflow, UsubOverflow, SsubOverflow, UmulOverflow, SmulOverflow,
    UaddOverflowCin, SaddOverflowCin, UsubOverflowBin, SsubOverflowBin, UaddOverflowTrap,
    IaddImm, ImulImm, UdivImm, SdivImm, UremImm, SremImm, IrsubImm,
    // bitwise
    Band, Bor, Bxor, Bnot, BandNot, BorNot, BxorNot, BandImm, BorImm, BxorImm,
    Ishl, Ushr, Sshr, Rotl, Rotr, IshlImm, UshrImm, SshrImm, RotlImm, RotrImm,
    Clz, Cls, Ctz, Popcnt, Bitrev, Bswap, Bmask,
    // comparisons and selection
    Icmp, IcmpImm, Fcmp, Select, SelectSpectreGuard, Bitselect,
    // conversions
    Uextend, Sextend, Ireduce, Iconcat, Isplit, Bitcast, Fpromote, Fdemote, FcvtToUint, FcvtToSint, FcvtToUintSat, FcvtToSintSat,
    FcvtFromUint, FcvtFromSint,
    // floating point
    Fadd, Fsub, Fmul, Fdiv, Sqrt, Fma, Fneg, Fabs, Fcopysign, Fmin, Fmax, Ceil, Floor, Trunc, Nearest,
    // memory
    Load, Store, Uload8, Sload8, Istore8, Uload16, Sload16, Istore16, Uload32, Sload32, Istore32,
    Uload8x8, Sload8x8, Uload16x4, Sload16x4, Uload32x2, Sload32x2, StackLoad, StackStore,
    AtomicRmw, AtomicCas, AtomicLoad, AtomicStore, Fence,
    // vectors (parsed, not yet compiled)
    Splat, ScalarToVector, Extractlane, Insertlane, Shuffle, Swizzle, VallTrue, VanyTrue, VhighBits,
    SwidenLow, SwidenHigh, UwidenLow, UwidenHigh, Snarrow, Unarrow, Uunarrow, IaddPairwise, SqmulRoundSat,
    FvpromoteLow, Fvdemote,
    // dynamic vectors (parsed, not compiled)
    ExtractVector,
}
