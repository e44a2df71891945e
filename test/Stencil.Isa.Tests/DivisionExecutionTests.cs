using Stencil.Ir;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class DivisionExecutionTests
{
    private static readonly long[] Dividends = [0, 1, -1, 7, -7, 100, -100, 127, -128, 255, 0x7FFF, -0x8000, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];
    private static readonly long[] Divisors = [1, -1, 2, -2, 3, 7, -7, 10, 127, 255, 0x1_0001, int.MaxValue, long.MaxValue];

    private static long Sx(long v, int bits) => (v << (64 - bits)) >> (64 - bits);
    private static ulong Zx(long v, int bits) => bits == 64 ? (ulong)v : (ulong)v & ((1UL << bits) - 1);

    private static long? Reference(Opcode op, long a, long b, int bits)
    {
        long sa = Sx(a, bits), sb = Sx(b, bits);
        ulong ua = Zx(a, bits), ub = Zx(b, bits);
        long min = bits == 64 ? long.MinValue : -(1L << (bits - 1));
        ulong r;
        switch (op)
        {
            case Opcode.Udiv: if (ub == 0) return null; r = ua / ub; break;
            case Opcode.Urem: if (ub == 0) return null; r = ua % ub; break;
            case Opcode.Sdiv: if (sb == 0 || (sa == min && sb == -1)) return null; r = (ulong)(sa / sb); break;
            default: if (sb == 0) return null; r = sb == -1 ? 0 : (ulong)(sa % sb); break;
        }
        return (long)Zx((long)r, bits);
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void DivideAndRemainderWhenNoTrapIsDue(int bits)
    {
        var t = IrType.IntOfBits(bits);
        foreach (var op in new[] { Opcode.Udiv, Opcode.Sdiv, Opcode.Urem, Opcode.Srem })
        {
            using var img = TestIr.Binary64((i, a, b) =>
            {
                var x = bits == 64 ? a : i.Convert(Opcode.Ireduce, t, a);
                var y = bits == 64 ? b : i.Convert(Opcode.Ireduce, t, b);
                return TestIr.Ret64(i, i.Binary(op, x, y), t);
            });
            var fn = (delegate* unmanaged<long, long, long>)img[0];
            int checkedCases = 0;
            foreach (var a in Dividends)
                foreach (var b in Divisors)
                    if (Reference(op, a, b, bits) is { } expected)
                    {
                        Assert.AreEqual(expected, fn(a, b), $"{op}.{t} {a} / {b}");
                        checkedCases++;
                    }
            Assert.IsTrue(checkedCases > 100);
        }
    }

    [TestMethod]
    public void SremOfMinByMinusOneIsZero()
    {
        using var img = TestIr.Binary64((i, a, b) => i.Binary(Opcode.Srem, a, b));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        Assert.AreEqual(0L, fn(long.MinValue, -1));
        using var img8 = TestIr.Binary64((i, a, b) => TestIr.Ret64(i, i.Binary(Opcode.Srem, i.Convert(Opcode.Ireduce, IrType.I8, a), i.Convert(Opcode.Ireduce, IrType.I8, b)), IrType.I8));
        Assert.AreEqual(0L, ((delegate* unmanaged<long, long, long>)img8[0])(-128, -1));
    }

    [TestMethod]
    public void ImmediateDivisors()
    {
        using var img = TestIr.Binary64((i, a, b) => i.Iadd(i.BinaryImm(Opcode.SdivImm, a, -3), i.BinaryImm(Opcode.UremImm, b, 10)));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        Assert.AreEqual(100L / -3 + 1234L % 10, fn(100, 1234));
    }

    [TestMethod]
    public void DivisionRecordsItsTrapSites()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        c.Ins().Return(c.Ins().Binary(Opcode.Sdiv, a[0], a[1]));
        var compiled = TestIr.Compile(f);
        CollectionAssert.AreEqual(new[] { TrapCode.IntegerDivisionByZero, TrapCode.IntegerOverflow }, compiled.Traps.Select(t => t.Code).ToArray());
        foreach (var t in compiled.Traps) Assert.AreEqual((byte)0x0F, compiled.Code[t.Offset]);

        var u = TestIr.Func([IrType.I32, IrType.I32], [IrType.I32], out c, out a);
        c.Ins().Return(c.Ins().Binary(Opcode.Urem, a[0], a[1]));
        CollectionAssert.AreEqual(new[] { TrapCode.IntegerDivisionByZero }, TestIr.Compile(u).Traps.Select(t => t.Code).ToArray());
    }
}
