using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.Backend;
using static Stencil.Isa.S390x.MOperand;

namespace Stencil.Isa.S390x;

internal sealed partial class S390xLowering
{
    /// <summary>i128 loads and stores, as two 8-byte accesses: the high half at the lower address in big-endian memory,
    /// the low half there (each byte-reversed) with <c>little</c>.</summary>
    private bool LowerI128Memory(Inst inst)
    {
        var d = Dfg[inst];
        bool wide = Dfg.ControllingType(inst) == IrType.I128;
        switch (d.Opcode)
        {
            case Opcode.Load when wide:
            {
                var first = Address(d.Args[0], d.Offset, span: 16);
                LoadPair(Pair(Dfg.FirstResult(inst)), first, first with { Value = first.Value + 8 }, IsLittle(d.Flags), !d.Flags.Notrap);
                return true;
            }
            case Opcode.Store when TypeOf(d.Args[0]) == IrType.I128:
            {
                var first = Address(d.Args[1], d.Offset, span: 16);
                StorePair(Pair(d.Args[0]), first, first with { Value = first.Value + 8 }, IsLittle(d.Flags), !d.Flags.Notrap);
                return true;
            }
            case Opcode.StackLoad when wide:
                LoadPair(Pair(Dfg.FirstResult(inst)), SlotOperand(d.StackSlot, d.Offset), SlotOperand(d.StackSlot, checked(d.Offset + 8)), little: false, trap: false);
                return true;
            case Opcode.StackStore when TypeOf(d.Args[0]) == IrType.I128:
                StorePair(Pair(d.Args[0]), SlotOperand(d.StackSlot, d.Offset), SlotOperand(d.StackSlot, checked(d.Offset + 8)), little: false, trap: false);
                return true;
        }
        return false;
    }

    private void LoadPair((Reg Lo, Reg Hi) r, MOperand first, MOperand second, bool little, bool trap)
    {
        var (atFirst, atSecond) = little ? (r.Lo, r.Hi) : (r.Hi, r.Lo);
        Load(atFirst, IrType.I64, 8, false, first, little, trap);
        Load(atSecond, IrType.I64, 8, false, second, little, trap);
    }

    private void StorePair((Reg Lo, Reg Hi) value, MOperand first, MOperand second, bool little, bool trap)
    {
        var (atFirst, atSecond) = little ? (value.Lo, value.Hi) : (value.Hi, value.Lo);
        Store(atFirst, IrType.I64, 8, first, little, trap);
        Store(atSecond, IrType.I64, 8, second, little, trap);
    }
}
