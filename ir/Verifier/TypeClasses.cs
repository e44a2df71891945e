namespace Stencil.Ir.Verification;

/// <summary>Membership and naming for <see cref="TypeClass"/>, plus type printing that never throws on a malformed type.</summary>
internal static class TypeClasses
{
    /// <summary>A type the rest of the IR can compute with: a known lane type and a lane count
    /// <see cref="IrType.Vector"/> accepts (the packed code can express more than that).</summary>
    public static bool IsWellFormed(IrType t) => t.IsValid && t.LaneCount <= 256;

    public static TypeClass ClassOf(IrType t)
    {
        if (!IsWellFormed(t)) return TypeClass.None;
        if (t.IsVector) return t.IsLaneInt ? TypeClass.IntVector : TypeClass.FloatVector;
        return t.IsLaneInt ? TypeClass.IntScalar : TypeClass.FloatScalar;
    }

    public static bool Admits(this TypeClass c, IrType t) => (ClassOf(t) & c) != 0;

    public static string Describe(this TypeClass c) => c switch
    {
        TypeClass.IntScalar => "a scalar integer type",
        TypeClass.FloatScalar => "a scalar float type",
        TypeClass.IntVector => "an integer vector type",
        TypeClass.FloatVector => "a float vector type",
        TypeClass.Int => "an integer type",
        TypeClass.Float => "a float type",
        TypeClass.Scalar => "a scalar type",
        TypeClass.Vector => "a vector type",
        _ => "a value type",
    };

    public static string Text(IrType t) =>
        IsWellFormed(t) ? t.ToString() : t.IsInvalid ? "<no type>" : $"<malformed type 0x{t.Code:x2}>";
}
