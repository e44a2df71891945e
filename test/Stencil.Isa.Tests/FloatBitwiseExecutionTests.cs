using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Tests;

/// <summary>band/bor/bxor (and their _not forms), bnot and bitselect on f32/f64 act on the bit
/// patterns; results are compared bit for bit, NaN payloads included.</summary>
[TestClass]
public sealed unsafe class FloatBitwiseExecutionTests
{
    private static readonly ulong[] Patterns =
    [
        0, 0x8000_0000_0000_0000, 0x3FF8_0000_0000_0000, 0x7FF0_0000_0000_0000, 0x7FF8_0000_0000_0001,
        0xFFFF_FFFF_FFFF_FFFF, 0x0123_4567_89AB_CDEF, 0x0000_0000_8000_0001,
    ];

    private static ulong Expected(Opcode op, ulong a, ulong b) => op switch
    {
        Opcode.Band => a & b,
        Opcode.Bor => a | b,
        Opcode.Bxor => a ^ b,
        Opcode.BandNot => a & ~b,
        Opcode.BorNot => a | ~b,
        Opcode.BxorNot => a ^ ~b,
        _ => ~a,
    };

    private static Function Build(IrType t, int arity, Func<FuncCursor, Value[], Value> body)
    {
        var ps = Enumerable.Repeat(t, arity).ToArray();
        var f = TestIr.Func(ps, [t], out var c, out var a);
        c.Ins().Return(body(c, a));
        return f;
    }

    private static Value Result(FuncCursor c, Opcode op, params Value[] args) =>
        c.Func.Dfg.FirstResult(c.Insert(new InstructionData(op, args)));

    [TestMethod]
    [DataRow(Opcode.Band)]
    [DataRow(Opcode.Bor)]
    [DataRow(Opcode.Bxor)]
    [DataRow(Opcode.BandNot)]
    [DataRow(Opcode.BorNot)]
    [DataRow(Opcode.BxorNot)]
    [DataRow(Opcode.Bnot)]
    public void OperatesOnBitPatterns(Opcode op)
    {
        bool unary = op == Opcode.Bnot;
        using var img64 = new JitImage(TestIr.Compile(Build(IrType.F64, 2, (c, a) => unary ? Result(c, op, a[0]) : Result(c, op, a[0], a[1]))));
        using var img32 = new JitImage(TestIr.Compile(Build(IrType.F32, 2, (c, a) => unary ? Result(c, op, a[0]) : Result(c, op, a[0], a[1]))));
        var f64 = (delegate* unmanaged<double, double, double>)img64[0];
        var f32 = (delegate* unmanaged<float, float, float>)img32[0];
        foreach (var a in Patterns)
            foreach (var b in Patterns)
            {
                ulong r64 = BitConverter.DoubleToUInt64Bits(f64(BitConverter.UInt64BitsToDouble(a), BitConverter.UInt64BitsToDouble(b)));
                Assert.AreEqual(Expected(op, a, b), r64, $"{op}.f64 {a:x} {b:x}");
                uint a32 = (uint)(a ^ (a >> 32)), b32 = (uint)(b ^ (b >> 32));
                uint r32 = BitConverter.SingleToUInt32Bits(f32(BitConverter.UInt32BitsToSingle(a32), BitConverter.UInt32BitsToSingle(b32)));
                Assert.AreEqual((uint)Expected(op, a32, b32), r32, $"{op}.f32 {a32:x} {b32:x}");
            }
    }

    [TestMethod]
    public void BitselectTakesBitsFromTheMask()
    {
        using var img = new JitImage(TestIr.Compile(Build(IrType.F64, 3, (c, a) => Result(c, Opcode.Bitselect, a[0], a[1], a[2]))));
        using var img32 = new JitImage(TestIr.Compile(Build(IrType.F32, 3, (c, a) => Result(c, Opcode.Bitselect, a[0], a[1], a[2]))));
        var f64 = (delegate* unmanaged<double, double, double, double>)img[0];
        var f32 = (delegate* unmanaged<float, float, float, float>)img32[0];
        foreach (var m in Patterns)
            foreach (var x in Patterns)
            {
                ulong y = ~x ^ 0x5555_0000_3333_AAAA;
                ulong r = BitConverter.DoubleToUInt64Bits(f64(BitConverter.UInt64BitsToDouble(m), BitConverter.UInt64BitsToDouble(x), BitConverter.UInt64BitsToDouble(y)));
                Assert.AreEqual((m & x) | (~m & y), r, $"bitselect.f64 {m:x} {x:x}");
                uint m32 = (uint)m, x32 = (uint)(x >> 16), y32 = (uint)y;
                uint r32 = BitConverter.SingleToUInt32Bits(f32(BitConverter.UInt32BitsToSingle(m32), BitConverter.UInt32BitsToSingle(x32), BitConverter.UInt32BitsToSingle(y32)));
                Assert.AreEqual((m32 & x32) | (~m32 & y32), r32, $"bitselect.f32 {m32:x} {x32:x}");
            }
    }
}
