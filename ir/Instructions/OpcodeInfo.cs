namespace Stencil.Ir;

/// <summary>One row of the opcode table.</summary>
/// <param name="CtrlArg">Which value operand gives the controlling type when the text has no <c>.type</c>
/// suffix; -1 when the type must be written explicitly, -2 when the opcode has no controlling type.</param>
public sealed record OpcodeInfo(Opcode Opcode, string Name, InstructionFormat Format, OpcodeFlags Flags, ResultRule Results, sbyte CtrlArg, IrType FixedType)
{
    public bool IsTerminator => (Flags & OpcodeFlags.IsTerminator) != 0;
    public bool IsBranch => (Flags & OpcodeFlags.IsBranch) != 0;
    public bool IsReturn => (Flags & OpcodeFlags.IsReturn) != 0;
    public bool IsCall => (Flags & OpcodeFlags.IsCall) != 0;
    public bool CanTrap => (Flags & OpcodeFlags.CanTrap) != 0;
    public bool CanLoad => (Flags & OpcodeFlags.CanLoad) != 0;
    public bool CanStore => (Flags & OpcodeFlags.CanStore) != 0;

    /// <summary>True when removing an unused instance could change behaviour.</summary>
    public bool HasSideEffects => (Flags & (OpcodeFlags.IsTerminator | OpcodeFlags.IsCall | OpcodeFlags.CanTrap | OpcodeFlags.CanStore | OpcodeFlags.OtherSideEffects)) != 0;
}
