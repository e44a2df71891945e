namespace Stencil.Ir.Interpretation;

/// <summary>Loads, stores, stack-slot access and atomics over the interpreter's <see cref="AddressSpace"/>.
/// Native byte order is little-endian; atomics have single-threaded semantics.</summary>
internal static class MemoryOps
{
    public static bool TryEvaluate(InstructionData d, ReadOnlySpan<DataValue> a, IrType[] rt, Span<DataValue> r, AddressSpace mem, Frame frame)
    {
        var endian = d.Flags.Endianness == Endianness.Big ? Endianness.Big : Endianness.Little;
        switch (d.Opcode)
        {
            case Opcode.Load: r[0] = Load(mem, Address(a[0], d.Offset), rt[0], rt[0].Bytes, signed: false, endian); return true;
            case Opcode.Uload8: r[0] = Load(mem, Address(a[0], d.Offset), rt[0], 1, signed: false, endian); return true;
            case Opcode.Sload8: r[0] = Load(mem, Address(a[0], d.Offset), rt[0], 1, signed: true, endian); return true;
            case Opcode.Uload16: r[0] = Load(mem, Address(a[0], d.Offset), rt[0], 2, signed: false, endian); return true;
            case Opcode.Sload16: r[0] = Load(mem, Address(a[0], d.Offset), rt[0], 2, signed: true, endian); return true;
            case Opcode.Uload32: r[0] = Load(mem, Address(a[0], d.Offset), rt[0], 4, signed: false, endian); return true;
            case Opcode.Sload32: r[0] = Load(mem, Address(a[0], d.Offset), rt[0], 4, signed: true, endian); return true;
            case Opcode.Store: mem.Write(Address(a[1], d.Offset), a[0].Type.Bytes, a[0].Bits, endian); return true;
            case Opcode.Istore8: mem.Write(Address(a[1], d.Offset), 1, a[0].Bits, endian); return true;
            case Opcode.Istore16: mem.Write(Address(a[1], d.Offset), 2, a[0].Bits, endian); return true;
            case Opcode.Istore32: mem.Write(Address(a[1], d.Offset), 4, a[0].Bits, endian); return true;
            case Opcode.StackLoad: r[0] = Load(mem, SlotAddress(frame, d), rt[0], rt[0].Bytes, signed: false, Endianness.Little); return true;
            case Opcode.StackStore: mem.Write(SlotAddress(frame, d), a[0].Type.Bytes, a[0].Bits, Endianness.Little); return true;
            case Opcode.StackAddr: r[0] = DataValue.FromBits(rt[0], SlotAddress(frame, d)); return true;
            case Opcode.AtomicLoad: r[0] = Load(mem, Address(a[0], 0), rt[0], rt[0].Bytes, signed: false, endian); return true;
            case Opcode.AtomicStore: mem.Write(Address(a[1], 0), a[0].Type.Bytes, a[0].Bits, endian); return true;
            case Opcode.AtomicRmw:
            {
                ulong at = Address(a[0], 0);
                var old = Load(mem, at, rt[0], rt[0].Bytes, signed: false, endian);
                var updated = Rmw(d.RmwOp, old, a[1]);
                mem.Write(at, rt[0].Bytes, updated.Bits, endian);
                r[0] = old; return true;
            }
            case Opcode.AtomicCas:
            {
                ulong at = Address(a[0], 0);
                var old = Load(mem, at, rt[0], rt[0].Bytes, signed: false, endian);
                if (old.Bits == DataValue.Mask(a[1].Bits, rt[0].Bits)) mem.Write(at, rt[0].Bytes, a[2].Bits, endian);
                r[0] = old; return true;
            }
            case Opcode.Fence: return true;
            default: return false;
        }
    }

    private static ulong Address(DataValue p, int offset) => unchecked((ulong)p.Bits + (ulong)(long)offset);

    private static ulong SlotAddress(Frame frame, InstructionData d) =>
        unchecked(frame.SlotBases[(int)d.StackSlot.Index] + (ulong)(long)d.Offset);

    private static DataValue Load(AddressSpace mem, ulong address, IrType ty, int bytes, bool signed, Endianness endian)
    {
        var raw = mem.Read(address, bytes, endian);
        if (signed) raw = (UInt128)IntBits.Signed(raw, bytes * 8);
        return DataValue.FromBits(ty, raw);
    }

    private static DataValue Rmw(AtomicRmwOp op, DataValue old, DataValue x)
    {
        var ty = old.Type;
        int w = ty.Bits;
        return op switch
        {
            AtomicRmwOp.Add => DataValue.FromBits(ty, old.Bits + x.Bits),
            AtomicRmwOp.Sub => DataValue.FromBits(ty, old.Bits - x.Bits),
            AtomicRmwOp.And => DataValue.FromBits(ty, old.Bits & x.Bits),
            AtomicRmwOp.Nand => DataValue.FromBits(ty, ~(old.Bits & x.Bits)),
            AtomicRmwOp.Or => DataValue.FromBits(ty, old.Bits | x.Bits),
            AtomicRmwOp.Xor => DataValue.FromBits(ty, old.Bits ^ x.Bits),
            AtomicRmwOp.Xchg => DataValue.FromBits(ty, x.Bits),
            AtomicRmwOp.Umin => DataValue.FromBits(ty, UInt128.Min(old.Bits, DataValue.Mask(x.Bits, w))),
            AtomicRmwOp.Umax => DataValue.FromBits(ty, UInt128.Max(old.Bits, DataValue.Mask(x.Bits, w))),
            AtomicRmwOp.Smin => IntBits.Signed(old.Bits, w) <= IntBits.Signed(x.Bits, w) ? old : DataValue.FromBits(ty, x.Bits),
            _ => IntBits.Signed(old.Bits, w) >= IntBits.Signed(x.Bits, w) ? old : DataValue.FromBits(ty, x.Bits),
        };
    }
}
