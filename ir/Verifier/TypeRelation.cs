namespace Stencil.Ir.Verification;

/// <summary>An extra constraint between the controlling type and the first operand (conversions) or a fixed type.</summary>
internal enum TypeRelation : byte
{
    None,
    /// <summary>Operand lanes strictly narrower than the controlling type's, same lane count (extensions, fpromote).</summary>
    OperandNarrower,
    /// <summary>Operand lanes strictly wider than the controlling type's, same lane count (ireduce, fdemote).</summary>
    OperandWider,
    /// <summary>Operand and controlling type have the same total size (bitcast).</summary>
    SameSize,
    /// <summary>Operand and controlling type have the same lane count (float/int conversions).</summary>
    SameLaneCount,
    /// <summary>The controlling type is wider than the rule's memory width in bits (extending loads, truncating stores).</summary>
    WiderThanMemory,
    /// <summary>The controlling type must be exactly the rule's fixed type.</summary>
    ExactType,
}
