using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Isa.Tests;

/// <summary>i128 values cross the ABI as two 64-bit halves (rdi:rsi in, rax:rdx out). .NET will not
/// pass Int128 to native code, so the tests pass the halves as two ulongs and receive a two-ulong
/// struct, which System V returns in rax:rdx too.</summary>
[TestClass]
public sealed unsafe class I128ExecutionTests
{
    /// <summary>Filled by native code (rax:rdx), never by C#.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private readonly struct Halves(ulong lo, ulong hi)
    {
        public readonly ulong Lo = lo, Hi = hi;
        public Int128 Value => (Int128)(((UInt128)Hi << 64) | Lo);
    }

    private static ulong Lo(Int128 v) => (ulong)v;
    private static ulong Hi(Int128 v) => (ulong)(v >> 64);

    private static readonly Int128[] Samples =
    [
        0, 1, -1, 2, 63, 64, 65, 127, 128, long.MaxValue, long.MinValue, (Int128)ulong.MaxValue, (Int128)ulong.MaxValue + 1,
        Int128.MaxValue, Int128.MinValue, new Int128(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210), -new Int128(5, 7),
    ];

    private static delegate* unmanaged<ulong, ulong, ulong, ulong, Halves> Binary(Func<InstBuilder, Value, Value, Value> body, out JitImage img)
    {
        var f = TestIr.Func([IrType.I128, IrType.I128], [IrType.I128], out var c, out var a);
        c.Ins().Return(body(c.Ins(), a[0], a[1]));
        img = new JitImage(TestIr.Compile(f));
        return (delegate* unmanaged<ulong, ulong, ulong, ulong, Halves>)img[0];
    }

    private static void Check(Func<InstBuilder, Value, Value, Value> body, Func<Int128, Int128, Int128> expected, string what)
    {
        var fn = Binary(body, out var img);
        using (img)
            foreach (var a in Samples)
                foreach (var b in Samples)
                    Assert.AreEqual(expected(a, b), fn(Lo(a), Hi(a), Lo(b), Hi(b)).Value, $"{what} {a} {b}");
    }

    [TestMethod]
    public void Arithmetic()
    {
        Check((i, a, b) => i.Iadd(a, b), (a, b) => unchecked(a + b), "iadd");
        Check((i, a, b) => i.Isub(a, b), (a, b) => unchecked(a - b), "isub");
        Check((i, a, b) => i.Imul(a, b), (a, b) => unchecked(a * b), "imul");
        Check((i, a, b) => i.Band(a, b), (a, b) => a & b, "band");
        Check((i, a, b) => i.Bor(a, b), (a, b) => a | b, "bor");
        Check((i, a, b) => i.Bxor(a, b), (a, b) => a ^ b, "bxor");
        Check((i, a, b) => i.Unary(Opcode.Ineg, a), (a, b) => unchecked(-a), "ineg");
        Check((i, a, b) => i.Unary(Opcode.Bnot, b), (a, b) => ~b, "bnot");
        Check((i, a, b) => i.Iconst(IrType.I128, -2), (a, b) => (Int128)(ulong)0xFFFF_FFFF_FFFF_FFFE, "iconst zero-extends");
    }

    [TestMethod]
    public void BitsAndMinMax()
    {
        static Int128 U(UInt128 v) => (Int128)v;
        Check((i, a, b) => i.Unary(Opcode.Popcnt, a), (a, b) => U(UInt128.PopCount((UInt128)a)), "popcnt");
        Check((i, a, b) => i.Unary(Opcode.Clz, a), (a, b) => U(UInt128.LeadingZeroCount((UInt128)a)), "clz");
        Check((i, a, b) => i.Unary(Opcode.Ctz, a), (a, b) => U(UInt128.TrailingZeroCount((UInt128)a)), "ctz");
        Check((i, a, b) => i.Unary(Opcode.Bswap, a), (a, b) => U(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((UInt128)a)), "bswap");
        Check((i, a, b) => i.Unary(Opcode.Bitrev, a), (a, b) =>
        {
            UInt128 x = (UInt128)a, r = 0;
            for (int k = 0; k < 128; k++) if (((x >> k) & 1) != 0) r |= (UInt128)1 << (127 - k);
            return U(r);
        }, "bitrev");
        Check((i, a, b) => i.Binary(Opcode.Smin, a, b), (a, b) => Int128.Min(a, b), "smin");
        Check((i, a, b) => i.Binary(Opcode.Smax, a, b), (a, b) => Int128.Max(a, b), "smax");
        Check((i, a, b) => i.Binary(Opcode.Umin, a, b), (a, b) => U(UInt128.Min((UInt128)a, (UInt128)b)), "umin");
        Check((i, a, b) => i.Binary(Opcode.Umax, a, b), (a, b) => U(UInt128.Max((UInt128)a, (UInt128)b)), "umax");
    }

    [TestMethod]
    public void Shifts()
    {
        static int N(Int128 b) => (int)(b & 127);
        Check((i, a, b) => i.Ishl(a, b), (a, b) => a << N(b), "ishl");
        Check((i, a, b) => i.Ushr(a, b), (a, b) => (Int128)((UInt128)a >> N(b)), "ushr");
        Check((i, a, b) => i.Sshr(a, b), (a, b) => a >> N(b), "sshr");
        Check((i, a, b) => i.Binary(Opcode.Rotl, a, b), (a, b) => (Int128)UInt128.RotateLeft((UInt128)a, N(b)), "rotl");
        Check((i, a, b) => i.Binary(Opcode.Rotr, a, b), (a, b) => (Int128)UInt128.RotateRight((UInt128)a, N(b)), "rotr");
        // An i64 amount and immediate forms.
        Check((i, a, b) => i.Ishl(a, i.Convert(Opcode.Ireduce, IrType.I64, b)), (a, b) => a << N(b), "ishl by i64");
        Check((i, a, b) => i.BinaryImm(Opcode.SshrImm, a, 70), (a, b) => a >> 70, "sshr_imm");
        Check((i, a, b) => i.Convert(Opcode.Uextend, IrType.I128, i.Ushr(i.Convert(Opcode.Ireduce, IrType.I64, a), b)),
            (a, b) => (Int128)((ulong)a >> (int)(b & 63)), "i64 shifted by an i128 amount");
        Check((i, a, b) => i.BinaryImm(Opcode.RotlImm, a, 3), (a, b) => (Int128)UInt128.RotateLeft((UInt128)a, 3), "rotl_imm");
    }

    [TestMethod]
    public void ComparisonsSelectAndBranches()
    {
        foreach (var cc in Enum.GetValues<IntCC>())
        {
            var f = TestIr.Func([IrType.I128, IrType.I128], [IrType.I64], out var c, out var a);
            var flag = c.Ins().Convert(Opcode.Uextend, IrType.I64, c.Ins().Icmp(cc, a[0], a[1]));
            // The same compare fused into a select of i128 values, reduced so one i64 carries both answers.
            var sel = c.Ins().Select(c.Ins().Icmp(cc, a[0], a[1]), c.Ins().Iconst(IrType.I128, 10), c.Ins().Iconst(IrType.I128, 20));
            c.Ins().Return(c.Ins().Iadd(flag, c.Ins().Convert(Opcode.Ireduce, IrType.I64, sel)));
            using var img = new JitImage(TestIr.Compile(f));
            var fn = (delegate* unmanaged<ulong, ulong, ulong, ulong, long>)img[0];
            foreach (var x in Samples)
                foreach (var y in Samples)
                {
                    bool r = cc switch
                    {
                        IntCC.Equal => x == y, IntCC.NotEqual => x != y,
                        IntCC.SignedLessThan => x < y, IntCC.SignedGreaterThanOrEqual => x >= y,
                        IntCC.SignedGreaterThan => x > y, IntCC.SignedLessThanOrEqual => x <= y,
                        IntCC.UnsignedLessThan => (UInt128)x < (UInt128)y, IntCC.UnsignedGreaterThanOrEqual => (UInt128)x >= (UInt128)y,
                        IntCC.UnsignedGreaterThan => (UInt128)x > (UInt128)y, _ => (UInt128)x <= (UInt128)y,
                    };
                    Assert.AreEqual(r ? 11L : 20L, fn(Lo(x), Hi(x), Lo(y), Hi(y)), $"{cc.ToText()} {x} {y}");
                }
        }

        // brif on an i128 value: any set bit in either half is true.
        var g = TestIr.Func([IrType.I128], [IrType.I64], out var gc, out var ga);
        var yes = g.Dfg.MakeBlock();
        var no = g.Dfg.MakeBlock();
        gc.Ins().Brif(ga[0], yes, [], no, []);
        gc.AtBottom(yes);
        gc.Ins().Return(gc.Ins().Iconst(IrType.I64, 1));
        gc.AtBottom(no);
        gc.Ins().Return(gc.Ins().Iconst(IrType.I64, 0));
        using var gi = new JitImage(TestIr.Compile(g));
        var gn = (delegate* unmanaged<ulong, ulong, long>)gi[0];
        Assert.AreEqual(0L, gn(0, 0));
        Assert.AreEqual(1L, gn(0, 1UL << 36));
        Assert.AreEqual(1L, gn(1, 0));
    }

    [TestMethod]
    public void ConversionsMemoryAndCalls()
    {
        // callee(a: i128, x: i64) -> i128 = a * 3 + sextend(x); the caller passes an i128 on the stack
        // (after five i64 arguments only one register is left) and splits/concats the result.
        IrType[] calleeParams = [IrType.I64, IrType.I64, IrType.I64, IrType.I64, IrType.I64, IrType.I128, IrType.I64];
        var g = TestIr.Func(calleeParams, [IrType.I128], out var gc, out var ga);
        var three = gc.Ins().Convert(Opcode.Uextend, IrType.I128, gc.Ins().Iconst(IrType.I64, 3));
        gc.Ins().Return(gc.Ins().Iadd(gc.Ins().Imul(ga[5], three), gc.Ins().Convert(Opcode.Sextend, IrType.I128, ga[6])));

        var f = TestIr.Func([IrType.I64, IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var callee = f.ImportUserFunction(UserExternalName.FromIndex(0, 0), TestIr.Sig(calleeParams, [IrType.I128]));
        var wide = f.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Iconcat, a[0], a[1])));
        var slot = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 16, 4));
        c.Ins().StackStore(wide, slot, 0);
        var reloaded = c.Ins().StackLoad(IrType.I128, slot, 0);
        var zero = c.Ins().Iconst(IrType.I64, 0);
        var r = f.Dfg.FirstResult(c.Ins().Call(callee, zero, zero, zero, zero, zero, reloaded, a[2]));
        c.Ins().Store(MemFlags.Trusted, r, a[2], 0);
        var halves = f.Dfg.InstResults(c.Insert(new InstructionData(Opcode.Isplit, c.Ins().Load(IrType.I128, MemFlags.Trusted, a[2], 0))));
        c.Ins().Return(c.Ins().Bxor(halves[0], c.Ins().BinaryImm(Opcode.RotlImm, halves[1], 32)));

        using var img = new JitImage(TestIr.Compile(g), TestIr.Compile(f));
        var fn = (delegate* unmanaged<ulong, ulong, Int128*, ulong>)img[1];
        var buffer = stackalloc Int128[1];
        // The third argument doubles as a pointer and as the i64 added by the callee.
        long p = (long)buffer;
        Int128 expected = new Int128(0x0000_0000_0000_0001, 0x8000_0000_0000_0005) * 3 + p;
        ulong got = fn(0x8000_0000_0000_0005, 1, buffer);
        Assert.AreEqual(expected, *buffer);
        Assert.AreEqual((ulong)expected ^ ulong.RotateLeft((ulong)(expected >> 64), 32), got);
    }
}
