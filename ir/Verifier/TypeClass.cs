namespace Stencil.Ir.Verification;

/// <summary>Sets of value types an opcode accepts, as flags so that rules combine with <c>|</c>.</summary>
[Flags]
internal enum TypeClass : byte
{
    None = 0,
    IntScalar = 1,
    FloatScalar = 2,
    IntVector = 4,
    FloatVector = 8,
    Int = IntScalar | IntVector,
    Float = FloatScalar | FloatVector,
    Scalar = IntScalar | FloatScalar,
    Vector = IntVector | FloatVector,
    Any = Int | Float,
}
