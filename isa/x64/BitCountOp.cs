namespace Stencil.Isa.X64;

/// <summary>The bit-count instructions of the CPU features beyond the baseline: <c>popcnt</c> (has_popcnt with has_sse42),
/// <c>lzcnt</c> (has_lzcnt), <c>tzcnt</c> (has_bmi1). Each gives the operand width for a zero input.</summary>
internal enum BitCountOp : byte { Popcnt, Lzcnt, Tzcnt }
