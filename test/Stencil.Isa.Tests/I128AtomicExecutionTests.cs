using System.Runtime.InteropServices;
using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Tests;

/// <summary>i128 atomics (lock cmpxchg16b) on a 16-byte-aligned cell between guard words, with
/// i128 arguments crossing the ABI as two halves each.</summary>
[TestClass]
public sealed unsafe class I128AtomicExecutionTests
{
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Halves(ulong lo, ulong hi)
    {
        public readonly ulong Lo = lo, Hi = hi;
        public Int128 Value => (Int128)(((UInt128)Hi << 64) | Lo);
    }

    private static readonly Int128[] Samples =
    [
        0, 1, -1, 5, long.MaxValue, (Int128)ulong.MaxValue, (Int128)ulong.MaxValue + 1, Int128.MaxValue, Int128.MinValue,
        new Int128(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210), -new Int128(5, 7),
    ];

    private static ulong Lo(Int128 v) => (ulong)v;
    private static ulong Hi(Int128 v) => (ulong)(v >> 64);

    /// <summary>Four 16-byte lanes, 16-aligned: guard, cell, guard (and one spare).</summary>
    private sealed class Cell : IDisposable
    {
        private readonly Int128* _base = (Int128*)NativeMemory.AlignedAlloc(64, 16);
        public Int128* Ptr => _base + 1;
        public Int128 Value { get => _base[1]; set { _base[0] = _base[2] = -1; _base[1] = value; } }
        public void AssertGuards(string what)
        {
            Assert.AreEqual((Int128)(-1), _base[0], what + " low guard");
            Assert.AreEqual((Int128)(-1), _base[2], what + " high guard");
        }
        public void Dispose() => NativeMemory.AlignedFree(_base);
    }

    private static Int128 Expected(AtomicRmwOp op, Int128 a, Int128 b) => op switch
    {
        AtomicRmwOp.Add => unchecked(a + b),
        AtomicRmwOp.Sub => unchecked(a - b),
        AtomicRmwOp.And => a & b,
        AtomicRmwOp.Nand => ~(a & b),
        AtomicRmwOp.Or => a | b,
        AtomicRmwOp.Xor => a ^ b,
        AtomicRmwOp.Xchg => b,
        AtomicRmwOp.Umin => (Int128)UInt128.Min((UInt128)a, (UInt128)b),
        AtomicRmwOp.Umax => (Int128)UInt128.Max((UInt128)a, (UInt128)b),
        AtomicRmwOp.Smin => Int128.Min(a, b),
        _ => Int128.Max(a, b),
    };

    [TestMethod]
    public void ReadModifyWriteReturnsOldValueAndStoresNewOne()
    {
        using var cell = new Cell();
        foreach (var op in Enum.GetValues<AtomicRmwOp>())
        {
            var f = TestIr.Func([IrType.I64, IrType.I128], [IrType.I128], out var c, out var a);
            var inst = c.Insert(new InstructionData(Opcode.AtomicRmw, a[0], a[1]) { RmwOp = op, Flags = MemFlags.Trusted, ControllingType = IrType.I128 });
            c.Ins().Return(f.Dfg.FirstResult(inst));
            using var img = new JitImage(TestIr.Compile(f));
            var fn = (delegate* unmanaged<Int128*, ulong, ulong, Halves>)img[0];
            foreach (var start in Samples)
                foreach (var operand in Samples)
                {
                    cell.Value = start;
                    var old = fn(cell.Ptr, Lo(operand), Hi(operand)).Value;
                    string what = $"{op} {start} {operand}";
                    Assert.AreEqual(start, old, what + " old");
                    Assert.AreEqual(Expected(op, start, operand), cell.Value, what + " new");
                    cell.AssertGuards(what);
                }
        }
    }

    [TestMethod]
    public void CompareAndSwapSwapsOnlyOnMatch()
    {
        // Arguments arrive in rdi, rsi:rdx, rcx:r8, overlapping the registers cmpxchg16b pins.
        var f = TestIr.Func([IrType.I64, IrType.I128, IrType.I128], [IrType.I128], out var c, out var a);
        var cas = c.Insert(new InstructionData(Opcode.AtomicCas, a[0], a[1], a[2]) { Flags = MemFlags.Trusted });
        c.Ins().Return(f.Dfg.FirstResult(cas));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<Int128*, ulong, ulong, ulong, ulong, Halves>)img[0];
        using var cell = new Cell();
        foreach (var start in Samples)
            foreach (var expected in new[] { start, start ^ 1, start ^ ((Int128)1 << 100) })
            {
                var replacement = ~start;
                cell.Value = start;
                var old = fn(cell.Ptr, Lo(expected), Hi(expected), Lo(replacement), Hi(replacement)).Value;
                Assert.AreEqual(start, old, $"cas {start} {expected} old");
                Assert.AreEqual(expected == start ? replacement : start, cell.Value, $"cas {start} {expected} new");
                cell.AssertGuards($"cas {start}");
            }
    }

    [TestMethod]
    public void LoadAndStoreMoveSixteenBytes()
    {
        var load = TestIr.Func([IrType.I64], [IrType.I128], out var lc, out var la);
        var li = lc.Insert(new InstructionData(Opcode.AtomicLoad, la[0]) { ControllingType = IrType.I128, Flags = MemFlags.Trusted });
        lc.Ins().Return(load.Dfg.FirstResult(li));
        var store = TestIr.Func([IrType.I128, IrType.I64], [], out var sc, out var sa);
        sc.Insert(new InstructionData(Opcode.AtomicStore, sa[0], sa[1]) { Flags = MemFlags.Trusted });
        sc.Ins().Return();
        using var loadImg = new JitImage(TestIr.Compile(load));
        using var storeImg = new JitImage(TestIr.Compile(store));
        var loadFn = (delegate* unmanaged<Int128*, Halves>)loadImg[0];
        var storeFn = (delegate* unmanaged<ulong, ulong, Int128*, void>)storeImg[0];
        using var cell = new Cell();
        foreach (var v in Samples)
        {
            cell.Value = v;
            Assert.AreEqual(v, loadFn(cell.Ptr).Value, $"load {v}");
            Assert.AreEqual(v, cell.Value, $"load {v} leaves memory");
            cell.Value = ~v;
            storeFn(Lo(v), Hi(v), cell.Ptr);
            Assert.AreEqual(v, cell.Value, $"store {v}");
            cell.AssertGuards($"store {v}");
        }
    }

    [TestMethod]
    public void EmitsLockedCmpxchg16bAndSavesRbx()
    {
        var f = TestIr.Func([IrType.I64, IrType.I128], [IrType.I128], out var c, out var a);
        var inst = c.Insert(new InstructionData(Opcode.AtomicRmw, a[0], a[1]) { RmwOp = AtomicRmwOp.Add, ControllingType = IrType.I128 });
        c.Ins().Return(f.Dfg.FirstResult(inst));
        var compiled = TestIr.Compile(f);
        var text = TestIr.Isa.Disassemble(compiled.Code, compiled.Relocs);
        // Without the lock prefix the loop would still pass single-threaded tests, so check it here.
        StringAssert.Contains(text, "lock cmpxchg16b");
        StringAssert.Contains(text, "push    rbx");
        StringAssert.Contains(text, "pop     rbx");
        Assert.IsTrue(compiled.Traps.Count >= 1, "the access is a heap_oob trap site");
    }

    [TestMethod]
    public void SurvivesRegisterPressureAcrossTheLoop()
    {
        // Sixteen i64 values live across the loop, which pins six registers, force spills around it.
        var f = TestIr.Func([IrType.I64, IrType.I128, IrType.I64], [IrType.I64], out var c, out var a);
        var live = new Value[16];
        for (int k = 0; k < live.Length; k++) live[k] = c.Ins().Imul(a[2], c.Ins().Iconst(IrType.I64, k + 3));
        var inst = c.Insert(new InstructionData(Opcode.AtomicRmw, a[0], a[1]) { RmwOp = AtomicRmwOp.Smax, Flags = MemFlags.Trusted, ControllingType = IrType.I128 });
        var sum = c.Ins().Convert(Opcode.Ireduce, IrType.I64, f.Dfg.FirstResult(inst));
        foreach (var v in live) sum = c.Ins().Iadd(sum, v);
        c.Ins().Return(sum);
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<Int128*, ulong, ulong, long, long>)img[0];
        using var cell = new Cell();
        foreach (var start in Samples)
            foreach (var operand in Samples)
            {
                cell.Value = start;
                long got = fn(cell.Ptr, Lo(operand), Hi(operand), 7);
                long liveSum = Enumerable.Range(0, 16).Sum(k => 7L * (k + 3));
                Assert.AreEqual(unchecked((long)Lo(start) + liveSum), got, $"smax {start} {operand} result");
                Assert.AreEqual(Int128.Max(start, operand), cell.Value, $"smax {start} {operand} memory");
                cell.AssertGuards($"smax {start} {operand}");
            }
    }
}
