using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class ArithmeticExecutionTests
{
    private static readonly long[] Samples = [0, 1, -1, 2, 7, -8, 255, 256, 0x7FFF, -0x8000, int.MaxValue, int.MinValue, 0x1234_5678_9ABC_DEF0, long.MaxValue, long.MinValue];

    private static long Run(Func<InstBuilder, Value, Value, Value> body, long a, long b)
    {
        using var img = TestIr.Binary64(body);
        return ((delegate* unmanaged<long, long, long>)img[0])(a, b);
    }

    private static void Check(Func<InstBuilder, Value, Value, Value> body, Func<long, long, long> expected)
    {
        using var img = TestIr.Binary64(body);
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        foreach (var a in Samples)
            foreach (var b in Samples)
                Assert.AreEqual(expected(a, b), fn(a, b), $"a={a} b={b}");
    }

    [TestMethod]
    public void AddSubMulAndBitwise64()
    {
        Check((i, a, b) => i.Iadd(a, b), (a, b) => unchecked(a + b));
        Check((i, a, b) => i.Isub(a, b), (a, b) => unchecked(a - b));
        Check((i, a, b) => i.Imul(a, b), (a, b) => unchecked(a * b));
        Check((i, a, b) => i.Band(a, b), (a, b) => a & b);
        Check((i, a, b) => i.Bor(a, b), (a, b) => a | b);
        Check((i, a, b) => i.Bxor(a, b), (a, b) => a ^ b);
        Check((i, a, b) => i.Unary(Opcode.Ineg, i.Isub(a, b)), (a, b) => unchecked(-(a - b)));
        Check((i, a, b) => i.Unary(Opcode.Bnot, i.Bxor(a, b)), (a, b) => ~(a ^ b));
    }

    [TestMethod]
    public void ImmediateForms()
    {
        Check((i, a, b) => i.IaddImm(a, 5), (a, b) => unchecked(a + 5));
        Check((i, a, b) => i.IaddImm(a, 0x1_0000_0000), (a, b) => unchecked(a + 0x1_0000_0000));
        Check((i, a, b) => i.BinaryImm(Opcode.ImulImm, a, -3), (a, b) => unchecked(a * -3));
        Check((i, a, b) => i.BinaryImm(Opcode.ImulImm, a, 1000), (a, b) => unchecked(a * 1000));
        Check((i, a, b) => i.BinaryImm(Opcode.BandImm, a, 0xFF), (a, b) => a & 0xFF);
        Check((i, a, b) => i.BinaryImm(Opcode.BorImm, a, -0x7000_0000_0000_0000), (a, b) => a | -0x7000_0000_0000_0000);
        Check((i, a, b) => i.BinaryImm(Opcode.BxorImm, a, 0x55), (a, b) => a ^ 0x55);
        Check((i, a, b) => i.BinaryImm(Opcode.IrsubImm, a, 100), (a, b) => unchecked(100 - a));
        Check((i, a, b) => i.Iconst(IrType.I64, 0x1122_3344_5566_7788), (a, b) => 0x1122_3344_5566_7788);
        Check((i, a, b) => i.Iconst(IrType.I64, -2), (a, b) => -2);
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    public void NarrowArithmeticWrapsAtItsWidth(int bits)
    {
        var t = IrType.IntOfBits(bits);
        ulong mask = (1UL << bits) - 1;
        foreach (var (op, reference) in new (Opcode, Func<ulong, ulong, ulong>)[]
                 {
                     (Opcode.Iadd, (a, b) => a + b), (Opcode.Isub, (a, b) => a - b), (Opcode.Imul, (a, b) => a * b),
                     (Opcode.Band, (a, b) => a & b), (Opcode.Bor, (a, b) => a | b), (Opcode.Bxor, (a, b) => a ^ b),
                 })
        {
            using var img = TestIr.Binary64((i, a, b) =>
                TestIr.Ret64(i, i.Binary(op, i.Convert(Opcode.Ireduce, t, a), i.Convert(Opcode.Ireduce, t, b)), t));
            var fn = (delegate* unmanaged<long, long, long>)img[0];
            foreach (var a in Samples)
                foreach (var b in Samples)
                    Assert.AreEqual((long)(reference((ulong)a, (ulong)b) & mask), fn(a, b), $"{op}.{t} a={a} b={b}");
        }
    }

    [TestMethod]
    public void ExtendAndReduce()
    {
        foreach (var bits in new[] { 8, 16, 32 })
        {
            var t = IrType.IntOfBits(bits);
            int shift = 64 - bits;
            Check((i, a, b) => i.Convert(Opcode.Sextend, IrType.I64, i.Convert(Opcode.Ireduce, t, a)), (a, b) => (a << shift) >> shift);
            Check((i, a, b) => i.Convert(Opcode.Uextend, IrType.I64, i.Convert(Opcode.Ireduce, t, a)), (a, b) => (long)(((ulong)a << shift) >> shift));
        }
        // i8 -> i32 -> i64 chains keep the sign through both steps.
        Check((i, a, b) => i.Convert(Opcode.Uextend, IrType.I64, i.Convert(Opcode.Sextend, IrType.I32, i.Convert(Opcode.Ireduce, IrType.I8, a))),
            (a, b) => (long)(uint)(int)(sbyte)a);
    }

    [TestMethod]
    public void ConstantsOfEveryWidth()
    {
        Assert.AreEqual(0xFFL, Run((i, a, b) => TestIr.Ret64(i, i.Iconst(IrType.I8, -1), IrType.I8), 0, 0));
        Assert.AreEqual(0x8000L, Run((i, a, b) => TestIr.Ret64(i, i.Iconst(IrType.I16, 0x8000), IrType.I16), 0, 0));
        Assert.AreEqual(0xFFFF_FFFEL, Run((i, a, b) => TestIr.Ret64(i, i.Iconst(IrType.I32, -2), IrType.I32), 0, 0));
        Assert.AreEqual(long.MinValue, Run((i, a, b) => i.Iconst(IrType.I64, long.MinValue), 0, 0));
    }

    [TestMethod]
    public void I32ParametersAndReturnsUseTheLow32Bits()
    {
        var f = TestIr.Func([IrType.I32, IrType.I32], [IrType.I32], out var c, out var a);
        c.Ins().Return(c.Ins().Iadd(a[0], a[1]));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<int, int, int>)img[0];
        Assert.AreEqual(int.MinValue, fn(int.MaxValue, 1));
        Assert.AreEqual(-5, fn(-2, -3));
    }
}
