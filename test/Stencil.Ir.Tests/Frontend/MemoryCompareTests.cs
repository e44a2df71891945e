using Stencil.Ir.Entities;
using Stencil.Ir.Frontend;
using Stencil.Ir.Names;
using static Stencil.Ir.Tests.Frontend.FrontendHarness;

namespace Stencil.Ir.Tests.Frontend;

[TestClass]
public sealed class MemoryCompareTests
{
    private static readonly IntCC[] Conditions = [IntCC.Equal, IntCC.NotEqual, IntCC.UnsignedLessThan, IntCC.UnsignedGreaterThan];

    /// <summary>Pairs of byte strings: equal, and ones whose first and last differing bytes disagree, so
    /// that comparing them as little-endian integers would order them wrongly.</summary>
    private static IEnumerable<(byte[] Left, byte[] Right)> Patterns(int size)
    {
        var baseBytes = Enumerable.Range(0, size).Select(k => (byte)(0x31 + 17 * k)).ToArray();
        yield return (baseBytes, (byte[])baseBytes.Clone());
        var firstBigLastSmall = (byte[])baseBytes.Clone();
        firstBigLastSmall[^1] = 0x00;
        firstBigLastSmall[0] = 0xF0;
        yield return (firstBigLastSmall, baseBytes);
        yield return (baseBytes, firstBigLastSmall);
        var highBit = (byte[])baseBytes.Clone();
        highBit[size / 2] = 0x80;
        yield return (baseBytes, highBit);
    }

    private static int Reference(byte[] l, byte[] r) => Math.Sign(l.AsSpan().SequenceCompareTo(r));

    private static bool Holds(IntCC cc, int order) => cc switch
    {
        IntCC.Equal => order == 0,
        IntCC.NotEqual => order != 0,
        IntCC.UnsignedLessThan => order < 0,
        _ => order > 0,
    };

    /// <summary>A function storing both byte strings in stack slots and returning what <paramref name="compare"/> computes over their addresses.</summary>
    private static Function Build(string name, byte[] left, byte[] right, IrType result, Func<FunctionBuilder, Value, Value, Value> compare)
    {
        var func = NewFunction(name, [], [result]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var ls = b.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, (uint)left.Length, 3));
        var rs = b.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, (uint)right.Length, 3));
        for (int k = 0; k < left.Length; k++) b.Ins().StackStore(b.Ins().Iconst(IrType.I8, left[k]), ls, k);
        for (int k = 0; k < right.Length; k++) b.Ins().StackStore(b.Ins().Iconst(IrType.I8, right[k]), rs, k);
        var la = b.Ins().StackAddr(IrType.I64, ls, 0);
        var ra = b.Ins().StackAddr(IrType.I64, rs, 0);
        b.Return(compare(b, la, ra));
        b.Finalize();
        var diags = Stencil.Ir.Verification.Verifier.Verify(func);
        Assert.IsEmpty(diags, string.Join(Environment.NewLine, diags) + Environment.NewLine + Stencil.Ir.Text.ClifWriter.Write(func));
        return func;
    }

    [TestMethod]
    public void SmallMemoryCompareMatchesMemcmpForEverySizeAndCondition()
    {
        int checkedCases = 0;
        for (int size = 1; size <= 16; size++)
            foreach (var cc in Conditions)
                foreach (var (l, r) in Patterns(size))
                {
                    var func = Build($"cmp{size}", l, r, IrType.I8,
                        (b, la, ra) => b.EmitSmallMemoryCompare(cc, la, ra, (ulong)size, 8, 1, MemFlags.None));
                    bool expected = Holds(cc, Reference(l, r));
                    Assert.AreEqual(expected ? 1L : 0L, RunSingle(func).AsInt64(),
                        $"size {size} {cc} {Convert.ToHexString(l)} vs {Convert.ToHexString(r)}\n{Stencil.Ir.Text.ClifWriter.Write(func)}");
                    checkedCases++;
                }
        Assert.AreEqual(16 * 4 * 4, checkedCases);
    }

    [TestMethod]
    public void SmallSizesLoadInsteadOfCalling()
    {
        byte[] l = [1, 2, 3, 4], r = [1, 2, 3, 5];
        var inline = Build("inline", l, r, IrType.I8, (b, la, ra) => b.EmitSmallMemoryCompare(IntCC.UnsignedLessThan, la, ra, 4, 4, 4, MemFlags.None));
        var text = VerifyAndPrint(inline);
        Assert.DoesNotContain("call", text);
        StringAssert.Contains(text, "load.i32 aligned big");
        var called = Build("called", [1, 2, 3], [1, 2, 3], IrType.I8, (b, la, ra) => b.EmitSmallMemoryCompare(IntCC.Equal, la, ra, 3, 1, 1, MemFlags.None));
        var calledText = VerifyAndPrint(called);
        StringAssert.Contains(calledText, "%Memcmp");
    }

    [TestMethod]
    public void EmptyCompareIsAConstant()
    {
        foreach (var (cc, expected) in new[] { (IntCC.Equal, 1L), (IntCC.NotEqual, 0L), (IntCC.UnsignedLessThan, 0L), (IntCC.UnsignedGreaterThanOrEqual, 1L) })
        {
            var func = Build("empty", [], [], IrType.I8, (b, la, ra) => b.EmitSmallMemoryCompare(cc, la, ra, 0, 1, 1, MemFlags.None));
            Assert.AreEqual(expected, RunSingle(func).AsInt64(), cc.ToString());
        }
    }

    [TestMethod]
    public void SignedConditionIsRejected()
    {
        var func = NewFunction("signed", [IrType.I64, IrType.I64], [IrType.I8]);
        var b = new FunctionBuilder(func, new FunctionBuilderContext());
        var entry = b.CreateBlock();
        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        Assert.ThrowsExactly<ArgumentException>(() =>
            b.EmitSmallMemoryCompare(IntCC.SignedLessThan, b.BlockParams(entry)[0], b.BlockParams(entry)[1], 8, 8, 8, MemFlags.None));
    }

    [TestMethod]
    public void CallMemcmpImportsTheLibcallOnceAndOrdersLikeMemcmp()
    {
        for (int size = 1; size <= 16; size++)
            foreach (var (l, r) in Patterns(size))
            {
                var func = Build($"memcmp{size}", l, r, IrType.I32, (b, la, ra) =>
                {
                    var n = b.Ins().Iconst(IrType.I64, size);
                    var first = b.CallMemcmp(la, ra, n);
                    var second = b.CallMemcmp(la, ra, n);
                    // Both calls must agree; returning their sum keeps the sign and uses both.
                    return b.Ins().Iadd(first, second);
                });
                Assert.HasCount(1, func.Dfg.ExtFuncs, "memcmp is imported once");
                Assert.AreEqual(ExternalName.FromLibCall(LibCall.Memcmp), func.Dfg.ExtFuncs[0].Name);
                var sig = func.Dfg.Signatures[(int)func.Dfg.ExtFuncs[0].Signature.Index];
                Assert.AreEqual("(i64, i64, i64) -> i32 system_v", sig.ToString());
                Assert.AreEqual(Reference(l, r), Math.Sign(RunSingle(func).AsInt64()), $"size {size}");
            }
    }
}
