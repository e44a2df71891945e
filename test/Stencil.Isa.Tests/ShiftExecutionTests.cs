using Stencil.Ir;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class ShiftExecutionTests
{
    private static readonly long[] Values = [0, 1, -1, 0x5A, 0x80, 0x8001, 0x1234_5678, unchecked((long)0xF000_0000_0000_000F)];
    private static readonly long[] Amounts = [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, -1];

    private static ulong Reference(Opcode op, ulong x, long amount, int bits)
    {
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        int n = (int)(amount & (bits - 1));
        x &= mask;
        ulong r = op switch
        {
            Opcode.Ishl => x << n,
            Opcode.Ushr => x >> n,
            Opcode.Sshr => (ulong)(((long)(x << (64 - bits)) >> (64 - bits)) >> n),
            Opcode.Rotl => n == 0 ? x : (x << n) | (x >> (bits - n)),
            _ => n == 0 ? x : (x >> n) | (x << (bits - n)),
        };
        return r & mask;
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(64)]
    public void ShiftsAndRotatesTakeTheAmountModuloTheWidth(int bits)
    {
        var t = IrType.IntOfBits(bits);
        foreach (var op in new[] { Opcode.Ishl, Opcode.Ushr, Opcode.Sshr, Opcode.Rotl, Opcode.Rotr })
        {
            using var img = TestIr.Binary64((i, a, b) =>
            {
                var x = bits == 64 ? a : i.Convert(Opcode.Ireduce, t, a);
                return TestIr.Ret64(i, i.Binary(op, x, b), t);
            });
            var fn = (delegate* unmanaged<long, long, long>)img[0];
            foreach (var v in Values)
                foreach (var n in Amounts)
                    Assert.AreEqual((long)Reference(op, (ulong)v, n, bits), fn(v, n), $"{op}.{t} {v:x} by {n}");
        }
    }

    [TestMethod]
    [DataRow(8)]
    [DataRow(32)]
    [DataRow(64)]
    public void ImmediateShifts(int bits)
    {
        var t = IrType.IntOfBits(bits);
        foreach (var (op, refOp) in new[] { (Opcode.IshlImm, Opcode.Ishl), (Opcode.UshrImm, Opcode.Ushr), (Opcode.SshrImm, Opcode.Sshr), (Opcode.RotlImm, Opcode.Rotl), (Opcode.RotrImm, Opcode.Rotr) })
            foreach (var n in new long[] { 0, 1, 5, 31, 63, 70 })
            {
                using var img = TestIr.Binary64((i, a, b) =>
                {
                    var x = bits == 64 ? a : i.Convert(Opcode.Ireduce, t, a);
                    return TestIr.Ret64(i, i.BinaryImm(op, x, n), t);
                });
                var fn = (delegate* unmanaged<long, long, long>)img[0];
                foreach (var v in Values)
                    Assert.AreEqual((long)Reference(refOp, (ulong)v, n, bits), fn(v, 0), $"{op}.{t} {v:x} by {n}");
            }
    }

    [TestMethod]
    public void ShiftAmountOfAnotherWidth()
    {
        // An i64 shifted by an i8 amount: only the amount's low bits matter.
        using var img = TestIr.Binary64((i, a, b) => i.Ishl(a, i.Convert(Opcode.Ireduce, IrType.I8, b)));
        var fn = (delegate* unmanaged<long, long, long>)img[0];
        Assert.AreEqual(1L << 5, fn(1, 0x105));
        Assert.AreEqual(1L << 63, fn(1, 63));
    }
}
