using Stencil.Ir;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class AtomicExecutionTests
{
    private static delegate* unmanaged<long*, long, long> Rmw(AtomicRmwOp op, IrType t, out JitImage img)
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var v = t == IrType.I64 ? a[1] : c.Ins().Convert(Opcode.Ireduce, t, a[1]);
        var inst = c.Insert(new InstructionData(Opcode.AtomicRmw, a[0], v) { RmwOp = op, Flags = MemFlags.Trusted, ControllingType = t });
        c.Ins().Return(TestIr.Ret64(c.Ins(), f.Dfg.FirstResult(inst), t));
        img = new JitImage(TestIr.Compile(f));
        return (delegate* unmanaged<long*, long, long>)img[0];
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void ReadModifyWriteReturnsOldValueAndStoresNewOne(int bits)
    {
        var t = IrType.IntOfBits(bits);
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        long Sx(ulong v) => bits == 64 ? (long)v : ((long)v << (64 - bits)) >> (64 - bits);
        long* cell = stackalloc long[3];
        foreach (var op in Enum.GetValues<AtomicRmwOp>())
        {
            var fn = Rmw(op, t, out var img);
            using (img)
                foreach (var (start, operand) in new (ulong, ulong)[] { (5, 3), (3, 5), (mask, 1), (1UL << (bits - 1), mask), (0x1234 & mask, 0x00F0 & mask) })
                {
                    ulong expected = op switch
                    {
                        AtomicRmwOp.Add => start + operand,
                        AtomicRmwOp.Sub => start - operand,
                        AtomicRmwOp.And => start & operand,
                        AtomicRmwOp.Nand => ~(start & operand),
                        AtomicRmwOp.Or => start | operand,
                        AtomicRmwOp.Xor => start ^ operand,
                        AtomicRmwOp.Xchg => operand,
                        AtomicRmwOp.Umin => Math.Min(start, operand),
                        AtomicRmwOp.Umax => Math.Max(start, operand),
                        AtomicRmwOp.Smin => (ulong)Math.Min(Sx(start), Sx(operand)),
                        _ => (ulong)Math.Max(Sx(start), Sx(operand)),
                    } & mask;
                    // Guard bytes around the cell show that only `bits` bits are written.
                    cell[0] = cell[2] = -1;
                    cell[1] = (long)(start | (~mask & 0xAAAA_AAAA_AAAA_AAAA));
                    long old = fn(cell + 1, (long)operand);
                    Assert.AreEqual((long)start, old, $"{op}.{t} {start:x} {operand:x} old");
                    Assert.AreEqual((long)(expected | (~mask & 0xAAAA_AAAA_AAAA_AAAA)), cell[1], $"{op}.{t} {start:x} {operand:x} new");
                    Assert.AreEqual(-1L, cell[0]);
                    Assert.AreEqual(-1L, cell[2]);
                }
        }
    }

    [TestMethod]
    public void CompareAndSwapLoadAndStore()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var cas = c.Insert(new InstructionData(Opcode.AtomicCas, a[0], a[1], a[2]) { Flags = MemFlags.Trusted });
        var old = f.Dfg.FirstResult(cas);
        var load = c.Insert(new InstructionData(Opcode.AtomicLoad, a[0]) { ControllingType = IrType.I64, Flags = MemFlags.Trusted });
        c.Insert(new InstructionData(Opcode.AtomicStore, c.Ins().Iadd(f.Dfg.FirstResult(load), old), c.Ins().IaddImm(a[0], 8)) { Flags = MemFlags.Trusted });
        c.Insert(new InstructionData(Opcode.Fence));
        c.Ins().Return(old);
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long*, long, long, long>)img[0];
        long* cell = stackalloc long[2];
        cell[0] = 10;
        Assert.AreEqual(10L, fn(cell, 10, 99), "matching expectation swaps");
        Assert.AreEqual(99L, cell[0]);
        Assert.AreEqual(99L + 10, cell[1]);
        Assert.AreEqual(99L, fn(cell, 10, 5), "stale expectation leaves memory alone");
        Assert.AreEqual(99L, cell[0]);
        Assert.AreEqual(99L + 99, cell[1]);
    }

    [TestMethod]
    public void ConcurrentAtomicAddsAreNotLost()
    {
        var fn = Rmw(AtomicRmwOp.Add, IrType.I64, out var img);
        var umax = Rmw(AtomicRmwOp.Umax, IrType.I64, out var img2);
        using (img) using (img2)
        {
            var cell = new long[2];
            fixed (long* p = cell)
            {
                nint addr = (nint)p;
                Parallel.For(0, 4, _ =>
                {
                    for (int i = 0; i < 20000; i++)
                    {
                        fn((long*)addr, 1);
                        umax((long*)addr + 1, i);
                    }
                });
            }
            Assert.AreEqual(80000L, cell[0]);
            Assert.AreEqual(19999L, cell[1]);
        }
    }
}
