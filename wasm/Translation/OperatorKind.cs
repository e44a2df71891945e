namespace Stencil.Wasm.Translation;

/// <summary>How the translator handles a wasm opcode: the families that share one translation, and
/// <see cref="Special"/> for the opcodes handled one by one (control, variables, calls, memory and table management).</summary>
internal enum OperatorKind : byte
{
    Special,
    IntBinary,
    IntDivide,
    IntUnary,
    IntCompare,
    IntEqz,
    FloatBinary,
    FloatUnary,
    FloatCompare,
    Load,
    Store,
    Wrap,
    Extend,
    SignExtendNarrow,
    TruncTrapping,
    TruncSaturating,
    ConvertFromInt,
    Demote,
    Promote,
    Reinterpret,
}
