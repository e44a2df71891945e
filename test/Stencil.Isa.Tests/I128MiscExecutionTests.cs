using System.Runtime.InteropServices;
using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Tests;

/// <summary>iabs, cls, bitselect, bitcast, select_spectre_guard and the add/sub overflow forms on i128,
/// checked against .NET's Int128 over a grid of edge values.</summary>
[TestClass]
public sealed unsafe class I128MiscExecutionTests
{
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Halves(ulong lo, ulong hi)
    {
        public readonly ulong Lo = lo, Hi = hi;
        public Int128 Value => (Int128)(((UInt128)Hi << 64) | Lo);
    }

    private static readonly Int128[] Samples =
    [
        0, 1, -1, 2, 63, 64, long.MaxValue, long.MinValue, (Int128)ulong.MaxValue, (Int128)ulong.MaxValue + 1,
        Int128.MaxValue, Int128.MinValue, Int128.MinValue + 1, new Int128(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210), -new Int128(5, 7),
        new Int128(0x0000_0000_0000_0001, 0), new Int128(0xFFFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000),
    ];

    private static ulong Lo(Int128 v) => (ulong)v;
    private static ulong Hi(Int128 v) => (ulong)(v >> 64);

    /// <summary>The <paramref name="index"/>th result of a new instruction (the builder has no helper for every opcode).</summary>
    private static Value Result(FuncCursor c, int index, Opcode op, params Value[] args) =>
        c.Func.Dfg.InstResults(c.Insert(new InstructionData(op, args)))[index];

    private static void Check(Func<FuncCursor, Value, Value, Value> body, Func<Int128, Int128, Int128> expected, string what)
    {
        var f = TestIr.Func([IrType.I128, IrType.I128], [IrType.I128], out var c, out var a);
        c.Ins().Return(body(c, a[0], a[1]));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<ulong, ulong, ulong, ulong, Halves>)img[0];
        foreach (var x in Samples)
            foreach (var y in Samples)
                Assert.AreEqual(expected(x, y), fn(Lo(x), Hi(x), Lo(y), Hi(y)).Value, $"{what} {x} {y}");
    }

    private static Int128 Cls(Int128 x) => (Int128)UInt128.LeadingZeroCount((UInt128)(x < 0 ? ~x : x)) - 1;

    [TestMethod]
    public void UnaryOperations()
    {
        Check((c, a, b) => c.Ins().Unary(Opcode.Iabs, a), (a, b) => a == Int128.MinValue ? a : Int128.Abs(a), "iabs");
        Check((c, a, b) => c.Ins().Unary(Opcode.Cls, a), (a, b) => Cls(a), "cls");
        Check((c, a, b) => c.Ins().Convert(Opcode.Bitcast, IrType.I128, b), (a, b) => b, "bitcast");
    }

    [TestMethod]
    public void SpectreGuardSelectsLikeSelect()
    {
        Check((c, a, b) => Result(c, 0, Opcode.SelectSpectreGuard, c.Ins().Icmp(IntCC.UnsignedLessThan, a, b), a, b),
            (a, b) => (UInt128)a < (UInt128)b ? a : b, "select_spectre_guard on icmp");
        Check((c, a, b) => Result(c, 0, Opcode.SelectSpectreGuard, a, a, b), (a, b) => a != 0 ? a : b, "select_spectre_guard on an i128");
        Check((c, a, b) => c.Ins().Convert(Opcode.Uextend, IrType.I128,
                Result(c, 0, Opcode.SelectSpectreGuard, b, c.Ins().Convert(Opcode.Ireduce, IrType.I64, a), c.Ins().Iconst(IrType.I64, 7))),
            (a, b) => b != 0 ? (Int128)(ulong)a : 7, "narrow select_spectre_guard on an i128");
    }

    [TestMethod]
    public void BitselectTakesBitsFromTheMask()
    {
        var f = TestIr.Func([IrType.I128, IrType.I128, IrType.I128], [IrType.I128], out var c, out var a);
        c.Ins().Return(Result(c, 0, Opcode.Bitselect, a[0], a[1], a[2]));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<ulong, ulong, ulong, ulong, ulong, ulong, Halves>)img[0];
        foreach (var m in Samples)
            foreach (var x in Samples)
            {
                var y = ~x ^ new Int128(0x5555_5555_5555_5555, 0x3333_3333_3333_3333);
                Assert.AreEqual((m & x) | (~m & y), fn(Lo(m), Hi(m), Lo(x), Hi(x), Lo(y), Hi(y)).Value, $"bitselect {m} {x}");
            }
    }

    [TestMethod]
    [DataRow(Opcode.UaddOverflow)]
    [DataRow(Opcode.SaddOverflow)]
    [DataRow(Opcode.UsubOverflow)]
    [DataRow(Opcode.SsubOverflow)]
    public void OverflowFormsReportTheWrappedValueAndTheFlag(Opcode op)
    {
        bool add = op is Opcode.UaddOverflow or Opcode.SaddOverflow;
        Int128 Wrapped(Int128 a, Int128 b) => unchecked(add ? a + b : a - b);
        bool Overflowed(Int128 a, Int128 b) => op switch
        {
            Opcode.UaddOverflow => (UInt128)Wrapped(a, b) < (UInt128)a,
            Opcode.UsubOverflow => (UInt128)a < (UInt128)b,
            Opcode.SaddOverflow => (a < 0) == (b < 0) && (Wrapped(a, b) < 0) != (a < 0),
            _ => (a < 0) != (b < 0) && (Wrapped(a, b) < 0) != (a < 0),
        };
        // The value and the flag come back from separate functions so each fits the two return registers.
        Check((c, a, b) => Result(c, 0, op, a, b), Wrapped, $"{op} value");
        Check((c, a, b) => c.Ins().Convert(Opcode.Uextend, IrType.I128, Result(c, 1, op, a, b)), (a, b) => Overflowed(a, b) ? 1 : 0, $"{op} flag");
    }
}
