using Stencil.Isa.Backend;

namespace Stencil.Isa.S390x;

/// <summary>What a storage operand's base is: a register, or one of the frame's areas (addressed from r15 once the
/// frame is laid out).</summary>
internal enum MemArea : byte { Reg, StackSlot, IncomingArg, OutgoingArg, ReturnArea, Spill, Absolute }

/// <summary><see cref="Implicit"/>: a register the instruction reads or writes without naming it (the odd half of
/// an even/odd pair), seen by the allocator and left out of the encoding.</summary>
internal enum MOperandKind : byte { Reg, Imm, Mem, Block, Implicit }

/// <summary>
/// One operand of an instruction over virtual registers: a register (with how the instruction touches it), an
/// immediate, a storage operand <c>D(B)</c> whose base is a register or a frame area (<see cref="Slot"/> names the
/// stack slot), or a VCode block as a relative target.
/// </summary>
internal readonly record struct MOperand(MOperandKind Kind, Reg Reg, long Value, OperandKind Access = OperandKind.Use, MemArea Area = MemArea.Reg, int Slot = 0)
{
    public static MOperand Def(Reg r) => new(MOperandKind.Reg, r, 0, OperandKind.Def);
    public static MOperand Use(Reg r) => new(MOperandKind.Reg, r, 0, OperandKind.Use);
    public static MOperand Mod(Reg r) => new(MOperandKind.Reg, r, 0, OperandKind.Mod);
    public static MOperand Imm(long value) => new(MOperandKind.Imm, default, value);
    public static MOperand Mem(Reg @base, long displacement) => new(MOperandKind.Mem, @base, displacement);
    public static MOperand Frame(MemArea area, long displacement, int slot = 0) => new(MOperandKind.Mem, default, displacement, Area: area, Slot: slot);
    /// <summary>A storage operand without a base: a bare displacement (a shift's constant amount).</summary>
    public static MOperand Disp(long displacement) => new(MOperandKind.Mem, default, displacement, Area: MemArea.Absolute);
    public static MOperand Implicit(Reg r, OperandKind access) => new(MOperandKind.Implicit, r, 0, access);
    public static MOperand Block(int block) => new(MOperandKind.Block, default, block);

    /// <summary>Whether the operand reads or writes a register the allocator must see.</summary>
    public bool HasReg => Kind is MOperandKind.Reg or MOperandKind.Implicit || (Kind == MOperandKind.Mem && Area == MemArea.Reg);

    public override string ToString() => Kind switch
    {
        MOperandKind.Reg or MOperandKind.Implicit => $"{Reg}{(Access == OperandKind.Def ? "!" : Access == OperandKind.Mod ? "^" : "")}",
        MOperandKind.Imm => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MOperandKind.Mem => Area == MemArea.Reg ? $"{Value}({Reg})" : $"{Area}{Slot}+{Value}",
        _ => $"block{Value}",
    };
}
