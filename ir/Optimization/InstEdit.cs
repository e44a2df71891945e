namespace Stencil.Ir.Optimization;

/// <summary>In-place instruction rewriting: the instruction keeps its results (so no use needs rewriting)
/// and gets a new opcode and operands, with every field the new form does not use reset to its default so
/// that equal computations compare equal.</summary>
internal static class InstEdit
{
    public static void Become(InstructionData d, Opcode opcode, Entities.Value[] args, long imm = 0, IrType ctrl = default)
    {
        bool keepCond = d.Opcode is Opcode.Icmp or Opcode.IcmpImm && opcode is Opcode.Icmp or Opcode.IcmpImm;
        var cond = d.IntCond;
        d.Opcode = opcode;
        d.Args = args;
        d.Imm = imm;
        d.ControllingType = ctrl;
        d.Offset = 0;
        d.IntCond = keepCond ? cond : default;
        d.FloatCond = default;
        d.Flags = default;
        d.Trap = default;
        d.RmwOp = default;
        d.FuncRef = default;
        d.SigRef = default;
        d.StackSlot = default;
        d.GlobalValue = default;
        d.JumpTable = default;
        d.Constant = default;
        d.Destinations = [];
        d.ExceptionTable = default;
        d.DynamicType = null;
    }
}
