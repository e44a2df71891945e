using Stencil.Ir;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class MemoryExecutionTests
{
    [TestMethod]
    public void LoadsAndStoresThroughAPointer()
    {
        // f(p): p[1] = p[0] + 1 (i64); p[2] low i32 = sload8 of byte at p+24; return uload16 at p+32 + sload32 at p+40
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var p = a[0];
        var x = c.Ins().Load(IrType.I64, MemFlags.None, p, 0);
        c.Ins().Store(MemFlags.None, c.Ins().IaddImm(x, 1), p, 8);
        var b = TestIr.LoadOp(c, Opcode.Sload8, IrType.I32, p, 24);
        c.Ins().Store(MemFlags.Trusted, b, p, 16);
        var h = TestIr.LoadOp(c, Opcode.Uload16, IrType.I64, p, 32);
        var w = TestIr.LoadOp(c, Opcode.Sload32, IrType.I64, p, 40);
        var narrow = c.Ins().Convert(Opcode.Ireduce, IrType.I8, x);
        c.Ins().Store(MemFlags.None, narrow, p, 48);
        c.Ins().Return(c.Ins().Iadd(h, w));
        var compiled = TestIr.Compile(f);
        Assert.IsTrue(compiled.Traps.Count >= 5, "accesses without notrap are heap_oob trap sites");

        using var img = new JitImage(compiled);
        var fn = (delegate* unmanaged<long*, long>)img[0];
        var mem = new long[7];
        mem[0] = 41;
        mem[2] = -1;
        mem[3] = 0xF0;          // byte 0xF0 = -16
        mem[4] = 0x1_FFFF;      // u16 0xFFFF
        mem[5] = 0xFFFF_FFFE;   // i32 -2
        mem[6] = -1;
        fixed (long* ptr = mem)
            Assert.AreEqual(0xFFFFL - 2, fn(ptr));
        Assert.AreEqual(42L, mem[1]);
        Assert.AreEqual(-16L, mem[2], "the i32 store wrote -16 into the low half and left the high half");
        Assert.AreEqual(unchecked((long)0xFFFF_FFFF_FFFF_FF29), mem[6], "the i8 store wrote only the low byte (41)");
    }

    [TestMethod]
    public void StackSlotsLoadStoreAndAddress()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var s0 = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 16, 3));
        var s1 = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 4, 2));
        c.Ins().StackStore(a[0], s0, 0);
        c.Ins().StackStore(a[1], s0, 8);
        c.Ins().StackStore(c.Ins().Iconst(IrType.I32, 77), s1, 0);
        var addr = c.Ins().StackAddr(IrType.I64, s0, 8);
        var viaPtr = c.Ins().Load(IrType.I64, MemFlags.Trusted, addr, 0);
        var first = c.Ins().StackLoad(IrType.I64, s0, 0);
        var small = c.Ins().Convert(Opcode.Sextend, IrType.I64, c.Ins().StackLoad(IrType.I32, s1, 0));
        c.Ins().Return(c.Ins().Iadd(c.Ins().Isub(first, viaPtr), small));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        Assert.AreEqual(100L - 30 + 77, fn(100, 30));
    }

    [TestMethod]
    public void FloatLoadsAndStores()
    {
        var f = TestIr.Func([IrType.I64], [IrType.F64], out var c, out var a);
        var x = c.Ins().Load(IrType.F64, MemFlags.Trusted, a[0], 0);
        var y = c.Ins().Load(IrType.F32, MemFlags.Trusted, a[0], 8);
        c.Ins().Store(MemFlags.Trusted, c.Ins().Binary(Opcode.Fmul, y, y), a[0], 12);
        var slot = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 8, 3));
        c.Ins().StackStore(x, slot, 0);
        var back = c.Ins().StackLoad(IrType.F64, slot, 0);
        c.Ins().Return(c.Ins().Binary(Opcode.Fadd, back, c.Ins().Convert(Opcode.Fpromote, IrType.F64, y)));
        using var img = new JitImage(TestIr.Compile(f));
        var mem = new float[4];
        fixed (float* p = mem)
        {
            *(double*)p = 2.5;
            p[2] = 1.5f;
            Assert.AreEqual(4.0, ((delegate* unmanaged<float*, double>)img[0])(p));
        }
        Assert.AreEqual(2.25f, mem[3]);
    }
}
