namespace Stencil.Ir.Verification;

/// <summary>How an operand's type relates to the instruction's controlling type.</summary>
internal enum OperandRuleKind : byte
{
    /// <summary>Exactly the controlling type.</summary>
    Ctrl,
    /// <summary>Exactly the lane type of the controlling (vector) type.</summary>
    Lane,
    /// <summary>Exactly one fixed type.</summary>
    Exact,
    /// <summary>Any type of a class, independent of the controlling type.</summary>
    Class,
    /// <summary>A pointer-sized integer: i32 or i64.</summary>
    Address,
}
