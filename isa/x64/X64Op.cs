namespace Stencil.Isa.X64;

/// <summary>The x86-64 machine instructions lowering produces. Operand slots are documented per op as
/// [index]=kind; "Size" is the operation width in bytes.</summary>
internal enum X64Op : byte
{
    /// <summary>[0]=def, [1]=use: register copy (int: Size 4/8; float: movaps).</summary>
    MovRR,
    /// <summary>[0]=def: load the 64-bit <c>Imm</c>.</summary>
    MovImm,
    /// <summary>[0]=mod, [1]=use: two-address integer ALU op (<c>Alu</c>).</summary>
    Alu,
    /// <summary>[0]=mod: ALU op with a sign-extended 32-bit <c>Imm</c>.</summary>
    AluImm,
    /// <summary>[0]=use, [1]=use: compare [0] with [1] (Size 1/2/4/8).</summary>
    Cmp,
    /// <summary>[0]=use: compare with a 32-bit <c>Imm</c>.</summary>
    CmpImm,
    /// <summary>[0]=use, [1]=use: bitwise test.</summary>
    Test,
    /// <summary>[0]=mod: neg or not (<c>Unary</c>).</summary>
    Unary,
    /// <summary>[0]=mod, [1]=use (rcx): shift or rotate by cl.</summary>
    Shift,
    /// <summary>[0]=mod: shift or rotate by the 8-bit <c>Imm</c>.</summary>
    ShiftImm,
    /// <summary>[0]=def, [1]=use: zero- or sign-extend the low <c>FromSize</c> bytes to 64 bits.</summary>
    Extend,
    /// <summary>[0]=def: 1 if <c>Cc</c> holds else 0.</summary>
    Setcc,
    /// <summary>[0]=mod, [1]=use: [0] = [1] if <c>Cc</c> holds.</summary>
    Cmov,
    /// <summary>[0]=def, [1]=use base when <c>Mem</c> is register-based: load Size bytes (extended as <c>Signed</c> says).</summary>
    Load,
    /// <summary>[0]=use value, [1]=use base when register-based: store the low Size bytes.</summary>
    Store,
    /// <summary>[0]=def: address of <c>Mem</c>.</summary>
    Lea,
    /// <summary>[0]=def: address of the external <c>Name</c> plus <c>Imm</c>, RIP-relative (through the GOT when <c>Signed</c> is set).</summary>
    LeaSymbol,
    /// <summary>[0]=use divisor, [1]=mod rax, [2]=mod rdx: checked division (<c>Div</c> says which).</summary>
    Div,
    /// <summary>Jump to block <c>Target</c>.</summary>
    Jmp,
    /// <summary>If <c>Cc</c> then block <c>Target</c> else block <c>Target2</c>.</summary>
    Jcc,
    /// <summary>[..]=use argument registers: call <c>Name</c>; clobbers the caller-saved registers.</summary>
    Call,
    /// <summary>[0]=use callee, [1..]=use argument registers; clobbers the caller-saved registers.</summary>
    CallInd,
    /// <summary>[..]=use return registers: epilogue and return.</summary>
    Ret,
    /// <summary>ud2 with trap code <c>Trap</c>.</summary>
    Ud2,
    /// <summary>ud2 with <c>Trap</c> when <c>Cc</c> holds.</summary>
    TrapIf,
    /// <summary>[0]=mod, [1]=use: scalar float op (<c>FAlu</c>; Size 4 single, 8 double).</summary>
    FAlu,
    /// <summary>[0]=use, [1]=use: ucomiss/ucomisd [0], [1].</summary>
    FCmp,
    /// <summary>[0]=def xmm, [1]=use gpr: movd/movq bits (Size 4/8).</summary>
    GprToXmm,
    /// <summary>[0]=def gpr, [1]=use xmm: movd/movq bits (Size 4/8).</summary>
    XmmToGpr,
    /// <summary>[0]=def xmm, [1]=use gpr: signed int (Size 4/8) to float (<c>FromSize</c> 4/8).</summary>
    CvtIntToFloat,
    /// <summary>[0]=def gpr, [1]=use xmm: float (<c>FromSize</c>) to signed int (Size), trapping when out of range.</summary>
    CvtFloatToInt,
    /// <summary>[0]=def xmm, [1]=use xmm: float precision change to Size (cvtss2sd / cvtsd2ss).</summary>
    CvtFloatToFloat,
    /// <summary>[0]=use, [1]=mod rax, [2]=def rdx: one-operand mul (or imul when <c>Signed</c>), high half to rdx.</summary>
    MulWide,
    /// <summary>[0]=def, [1]=use: bsr when <c>Signed</c> (reverse) else bsf; ZF set when the source is zero.</summary>
    BitScan,
    /// <summary>[0]=mod: byte swap (Size 4/8).</summary>
    Bswap,
    /// <summary>[0]=mod, [1]=use, [2]=use rcx: shld (or shrd when <c>Signed</c>) by cl, 64-bit.</summary>
    ShiftDouble,
    /// <summary>int3 breakpoint.</summary>
    Int3,
    /// <summary>mfence.</summary>
    Fence,
    /// <summary>[0]=mod, [1]=use: fmin (or fmax when <c>Signed</c>) with IR semantics: NaN if either is NaN, -0 below +0.</summary>
    FMinMax,
    /// <summary>[0]=def gpr, [1]=use xmm: float (<c>FromSize</c>) to unsigned int (Size); traps, or saturates when <c>Saturating</c>.</summary>
    CvtFloatToUint,
    /// <summary>[0]=def xmm, [1]=use gpr: unsigned 64-bit int to float (Size).</summary>
    CvtUint64ToFloat,
    /// <summary>[0]=mod value (old value after), [1]=use address: lock xadd, or xchg when <c>Signed</c> (Size bytes).</summary>
    AtomicXadd,
    /// <summary>[0]=use address, [1]=use operand, [2]=mod temp, [3]=mod rax (old value, preloaded):
    /// compare-exchange loop applying <c>Rmw</c>.</summary>
    AtomicRmwLoop,
    /// <summary>[0]=use address, [1]=use replacement, [2]=mod rax (expected in, old value out): lock cmpxchg.</summary>
    AtomicCas,
    /// <summary>[0]=use address, [1]=mod rax, [2]=mod rdx (old value, preloaded), [3]=mod rbx, [4]=mod rcx
    /// (temps), [5]=use rsi, [6]=use rdi (operand): lock cmpxchg16b loop applying <c>Rmw</c> to 16 bytes.</summary>
    AtomicRmwLoop128,
    /// <summary>[0]=use address, [1]=mod rax, [2]=mod rdx (expected in, old value out), [3]=use rbx,
    /// [4]=use rcx (replacement): lock cmpxchg16b.</summary>
    AtomicCas128,
    /// <summary>[0]=mod, [1]=use (base): ALU op (<c>Alu</c>) with a memory operand at [base + <c>Mem.Disp</c>], a
    /// trap site when <c>IsTrapSite</c>; a single-use load folded into its consumer.</summary>
    AluMem,
    /// <summary>[0]=use address, [1]=use operand: <c>lock</c> ALU op (<c>Alu</c>: add, sub, and, or, xor) on Size
    /// bytes at [address]; an atomic read-modify-write whose old value nobody reads.</summary>
    AtomicAluMem,
    /// <summary>[0]=def, [1]=use: three-operand <c>imul</c> of [1] by the 32-bit <c>Imm</c> (no copy of [1] first).</summary>
    ImulImm,
    /// <summary>[0]=use operand, [1]=use base: ALU op (<c>Alu</c>: add, and, or, xor) into memory at [base + <c>Mem.Disp</c>],
    /// a trap site when <c>IsTrapSite</c>; a load, an operation and a store back to the same address.</summary>
    AluToMem,
    /// <summary>The ELF general-dynamic TLS access of the symbol <c>Name</c>: <c>data16 lea rdi, [rip+Name@TLSGD]</c>;
    /// <c>data16 data16 rex.W call __tls_get_addr@PLT</c>, one 16-byte unit the linker rewrites whole; the address is
    /// in rax; clobbers the caller-saved registers.</summary>
    ElfTlsGetAddr,
    /// <summary>[0]=def, [1]=use: popcnt, lzcnt or tzcnt (<c>Count</c>; Size 4/8), the CPU features a target names.</summary>
    BitCount,
    /// <summary>[0]=def, [1]=use, [2]=use: BMI1 <c>andn</c>, [0] = ~[1] &amp; [2] (Size 4/8).</summary>
    Andn,
    /// <summary>[0]=def, [1]=use: SSE4.1 roundss/roundsd (Size 4/8) with rounding-control <c>Imm</c>.</summary>
    Round,
}
