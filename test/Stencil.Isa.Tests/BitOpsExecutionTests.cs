using System.Numerics;
using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class BitOpsExecutionTests
{
    private static readonly long[] Samples = [0, 1, -1, 2, 5, -7, 0x80, 0x7F, 0xFF, 0x8000, 0x7FFF, 0x1234_5678, int.MinValue, int.MaxValue, 0x00F0_0000_0000_0001, long.MinValue, long.MaxValue];

    private static long Sx(long v, int bits) => bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
    private static ulong Zx(long v, int bits) => bits == 64 ? (ulong)v : (ulong)v & ((1UL << bits) - 1);

    private static Value Narrow(InstBuilder i, Value v, IrType t) => t == IrType.I64 ? v : i.Convert(Opcode.Ireduce, t, v);

    private static void CheckBinary(int bits, Opcode op, Func<long, long, int, long> reference)
    {
        var t = IrType.IntOfBits(bits);
        using var img = TestIr.Binary64((i, a, b) => TestIr.Ret64(i, i.Binary(op, Narrow(i, a, t), Narrow(i, b, t)), t));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        foreach (var a in Samples)
            foreach (var b in Samples)
                Assert.AreEqual((long)Zx(reference(a, b, bits), bits), fn(a, b), $"{op}.{t} {a} {b}");
    }

    private static void CheckUnary(int bits, Opcode op, Func<long, int, long> reference)
    {
        var t = IrType.IntOfBits(bits);
        using var img = TestIr.Binary64((i, a, b) => TestIr.Ret64(i, i.Unary(op, Narrow(i, a, t)), t));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        foreach (var a in Samples)
            Assert.AreEqual((long)Zx(reference(a, bits), bits), fn(a, 0), $"{op}.{t} {a:x}");
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void MinMaxAbsAndNotForms(int bits)
    {
        CheckBinary(bits, Opcode.Smin, (a, b, n) => Math.Min(Sx(a, n), Sx(b, n)));
        CheckBinary(bits, Opcode.Smax, (a, b, n) => Math.Max(Sx(a, n), Sx(b, n)));
        CheckBinary(bits, Opcode.Umin, (a, b, n) => (long)Math.Min(Zx(a, n), Zx(b, n)));
        CheckBinary(bits, Opcode.Umax, (a, b, n) => (long)Math.Max(Zx(a, n), Zx(b, n)));
        CheckBinary(bits, Opcode.BandNot, (a, b, n) => a & ~b);
        CheckBinary(bits, Opcode.AvgRound, (a, b, n) => (long)(ulong)(((UInt128)Zx(a, n) + Zx(b, n) + 1) >> 1));
        CheckBinary(bits, Opcode.BorNot, (a, b, n) => a | ~b);
        CheckBinary(bits, Opcode.BxorNot, (a, b, n) => a ^ ~b);
        CheckUnary(bits, Opcode.Iabs, (a, n) => Sx(a, n) == (n == 64 ? long.MinValue : -(1L << (n - 1))) ? Sx(a, n) : Math.Abs(Sx(a, n)));
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void HighMultiply(int bits)
    {
        CheckBinary(bits, Opcode.Umulhi, (a, b, n) => (long)(ulong)(((UInt128)Zx(a, n) * Zx(b, n)) >> n));
        CheckBinary(bits, Opcode.Smulhi, (a, b, n) => (long)(((Int128)Sx(a, n) * Sx(b, n)) >> n));
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void CountingAndReversing(int bits)
    {
        CheckUnary(bits, Opcode.Clz, (a, n) => BitOperations.LeadingZeroCount(Zx(a, n)) - (64 - n));
        CheckUnary(bits, Opcode.Ctz, (a, n) => Zx(a, n) == 0 ? n : BitOperations.TrailingZeroCount(Zx(a, n)));
        CheckUnary(bits, Opcode.Popcnt, (a, n) => BitOperations.PopCount(Zx(a, n)));
        CheckUnary(bits, Opcode.Cls, (a, n) =>
        {
            long x = Sx(a, n);
            ulong y = Zx(x ^ (x >> 63), n);
            return BitOperations.LeadingZeroCount(y) - (64 - n) - 1;
        });
        CheckUnary(bits, Opcode.Bswap, (a, n) => n switch
        {
            8 => a,
            16 => (long)BitConverter.ToUInt16(BitConverter.GetBytes((ushort)a).Reverse().ToArray()),
            32 => (long)(ulong)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)a),
            _ => (long)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ulong)a),
        });
        CheckUnary(bits, Opcode.Bitrev, (a, n) =>
        {
            ulong x = Zx(a, n), r = 0;
            for (int k = 0; k < n; k++) if ((x >> k & 1) != 0) r |= 1UL << (n - 1 - k);
            return (long)r;
        });
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void OverflowArithmeticGivesValueAndFlag(int bits)
    {
        var t = IrType.IntOfBits(bits);
        long min = bits == 64 ? long.MinValue : -(1L << (bits - 1)), max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
        ulong umax = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        foreach (var (op, reference) in new (Opcode, Func<long, long, (long, bool)>)[]
                 {
                     (Opcode.UaddOverflow, (a, b) => ((long)(Zx(a, bits) + Zx(b, bits)), (UInt128)Zx(a, bits) + Zx(b, bits) > umax)),
                     (Opcode.SaddOverflow, (a, b) => (a + b, (Int128)Sx(a, bits) + Sx(b, bits) is var s && (s < min || s > max))),
                     (Opcode.UsubOverflow, (a, b) => (a - b, Zx(a, bits) < Zx(b, bits))),
                     (Opcode.SsubOverflow, (a, b) => (a - b, (Int128)Sx(a, bits) - Sx(b, bits) is var s && (s < min || s > max))),
                     (Opcode.UmulOverflow, (a, b) => (unchecked(a * b), (UInt128)Zx(a, bits) * Zx(b, bits) > umax)),
                     (Opcode.SmulOverflow, (a, b) => (unchecked(a * b), (Int128)Sx(a, bits) * Sx(b, bits) is var s && (s < min || s > max))),
                 })
        {
            // Result packs value (low bits) and flag (bit 0 of the returned high part): value ^ (flag << 63) for i64 is lossy, so return them separately.
            var f = TestIr.Func([IrType.I64, IrType.I64, IrType.I64], [IrType.I64], out var c, out var p);
            var inst = c.Insert(new InstructionData(op, Narrow(c.Ins(), p[0], t), Narrow(c.Ins(), p[1], t)));
            var rs = f.Dfg.InstResults(inst);
            var value = TestIr.Ret64(c.Ins(), rs[0], t);
            var flag = c.Ins().Convert(Opcode.Uextend, IrType.I64, rs[1]);
            c.Ins().Store(MemFlags.Trusted, flag, p[2], 0);
            c.Ins().Return(value);
            using var img = new JitImage(TestIr.Compile(f));
            var fn = (delegate* unmanaged<long, long, long*, long>)img[0];
            foreach (var a in Samples)
                foreach (var b in Samples)
                {
                    long flagOut = -1;
                    long got = fn(a, b, &flagOut);
                    var (v, o) = reference(a, b);
                    Assert.AreEqual((long)Zx(unchecked(v), bits), got, $"{op}.{t} {a} {b} value");
                    Assert.AreEqual(o ? 1L : 0L, flagOut, $"{op}.{t} {a} {b} flag");
                }
        }
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void SaturatingArithmetic(int bits)
    {
        long min = bits == 64 ? long.MinValue : -(1L << (bits - 1)), max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
        ulong umax = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        long Clamp(Int128 v) => v < min ? min : v > max ? max : (long)v;
        CheckBinary(bits, Opcode.UaddSat, (a, b, n) => (UInt128)Zx(a, n) + Zx(b, n) > umax ? -1 : (long)(Zx(a, n) + Zx(b, n)));
        CheckBinary(bits, Opcode.UsubSat, (a, b, n) => Zx(a, n) < Zx(b, n) ? 0 : (long)(Zx(a, n) - Zx(b, n)));
        CheckBinary(bits, Opcode.SaddSat, (a, b, n) => Clamp((Int128)Sx(a, n) + Sx(b, n)));
        CheckBinary(bits, Opcode.SsubSat, (a, b, n) => Clamp((Int128)Sx(a, n) - Sx(b, n)));
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(32)]
    [DataRow(64)]
    public void CarryInAndBorrowIn(int bits)
    {
        var t = IrType.IntOfBits(bits);
        long min = bits == 64 ? long.MinValue : -(1L << (bits - 1)), max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
        ulong umax = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        foreach (var op in new[] { Opcode.UaddOverflowCin, Opcode.SaddOverflowCin, Opcode.UsubOverflowBin, Opcode.SsubOverflowBin })
        {
            var f = TestIr.Func([IrType.I64, IrType.I64, IrType.I64, IrType.I64], [IrType.I64], out var c, out var p);
            var carryIn = c.Ins().Convert(Opcode.Ireduce, IrType.I8, p[2]);
            var inst = c.Insert(new InstructionData(op, Narrow(c.Ins(), p[0], t), Narrow(c.Ins(), p[1], t), carryIn));
            var rs = f.Dfg.InstResults(inst);
            c.Ins().Store(MemFlags.Trusted, c.Ins().Convert(Opcode.Uextend, IrType.I64, rs[1]), p[3], 0);
            c.Ins().Return(TestIr.Ret64(c.Ins(), rs[0], t));
            using var img = new JitImage(TestIr.Compile(f));
            var fn = (delegate* unmanaged<long, long, long, long*, long>)img[0];
            foreach (var a in Samples)
                foreach (var b in Samples)
                    foreach (var cin in new long[] { 0, 1 })
                    {
                        long flag = -1;
                        long got = fn(a, b, cin, &flag);
                        bool add = op is Opcode.UaddOverflowCin or Opcode.SaddOverflowCin;
                        bool unsigned = op is Opcode.UaddOverflowCin or Opcode.UsubOverflowBin;
                        Int128 exact = unsigned
                            ? (add ? (Int128)Zx(a, bits) + Zx(b, bits) + cin : (Int128)Zx(a, bits) - Zx(b, bits) - cin)
                            : (add ? (Int128)Sx(a, bits) + Sx(b, bits) + cin : (Int128)Sx(a, bits) - Sx(b, bits) - cin);
                        bool overflow = unsigned ? exact < 0 || exact > umax : exact < min || exact > max;
                        Assert.AreEqual((long)Zx((long)(ulong)(UInt128)(exact & ulong.MaxValue), bits), got, $"{op}.{t} {a} {b} {cin}");
                        Assert.AreEqual(overflow ? 1L : 0L, flag, $"{op}.{t} {a} {b} {cin} flag");
                    }
        }
    }

    [TestMethod]
    public void Bitselect()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var p);
        var sel = c.Insert(new InstructionData(Opcode.Bitselect, c.Ins().Convert(Opcode.Ireduce, IrType.I32, p[0]), c.Ins().Convert(Opcode.Ireduce, IrType.I32, p[1]), c.Ins().Iconst(IrType.I32, 0x1234_5678)));
        c.Ins().Return(c.Ins().Convert(Opcode.Uextend, IrType.I64, f.Dfg.FirstResult(sel)));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        foreach (var a in Samples)
            foreach (var b in Samples)
                Assert.AreEqual((long)(uint)((a & b) | (~a & 0x1234_5678)), fn(a, b), $"{a} {b}");
    }

    [TestMethod]
    public void BmaskAndFramePointer()
    {
        using (var bm = TestIr.Binary64((i, a, b) => i.Convert(Opcode.Bmask, IrType.I64, i.Convert(Opcode.Ireduce, IrType.I16, a))))
        {
            var m = (delegate* unmanaged<long, long, long>)bm[0];
            Assert.AreEqual(-1L, m(0x1_0001, 0));
            Assert.AreEqual(0L, m(0x1_0000, 0));
        }
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out _);
        var fp = c.Insert(new InstructionData(Opcode.GetFramePointer) { ControllingType = IrType.I64 });
        var sp = c.Insert(new InstructionData(Opcode.GetStackPointer) { ControllingType = IrType.I64 });
        c.Ins().Return(c.Ins().Isub(f.Dfg.FirstResult(fp), f.Dfg.FirstResult(sp)));
        using var img = new JitImage(TestIr.Compile(f));
        long diff = ((delegate* unmanaged<long, long>)img[0])(0);
        Assert.IsTrue(diff >= 0 && diff % 16 == 0, $"rbp - rsp = {diff}");
    }
}
