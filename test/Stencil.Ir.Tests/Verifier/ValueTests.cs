using Stencil.Ir.Entities;
using Stencil.Ir.Verification;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

/// <summary>Undefined values and SSA dominance (STN2006, STN2007), positions, ordering and the report cap.</summary>
[TestClass]
public sealed class ValueTests
{
    private static readonly IrType I32 = IrType.I32;

    [TestMethod]
    public void UndefinedDetachedAndCyclicValuesAreReported()
    {
        var (f, c, entry, ps) = Start([I32], I32);
        var detached = f.Dfg.MakeDetachedValue();
        var a = f.Dfg.MakeDetachedValue();
        var b = f.Dfg.MakeDetachedValue();
        f.Dfg.SetAlias(a, b);
        f.Dfg.SetAlias(b, a);
        var dangling = f.Dfg.MakeDetachedValue();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => f.Dfg.SetAlias(dangling, new Value(500)));
        Raw(f, entry, new InstructionData(Opcode.Iadd, ps[0], new Value(99)), I32);
        Raw(f, entry, new InstructionData(Opcode.Iadd, detached, a), I32);
        Raw(f, entry, new InstructionData(Opcode.Return, dangling));
        var d = AssertCodes(f, "STN2006", "STN2006", "STN2006", "STN2006");
        AssertMessageContains(d[0], "uses v99, which does not exist");
        AssertMessageContains(d[1], $"uses {detached}, which is not defined");
        AssertMessageContains(d[2], $"uses {a}, whose aliases form a cycle");
        AssertMessageContains(d[3], $"uses {dangling}, which is not defined");
        _ = c;
    }

    [TestMethod]
    public void AliasesResolveToTheirTarget()
    {
        var (f, c, _, ps) = Start([I32], I32);
        var alias = f.Dfg.MakeDetachedValue();
        f.Dfg.SetAlias(alias, ps[0]);
        var sum = c.Ins().Iadd(alias, ps[0]);
        c.Ins().Return(sum);
        AssertClean(f);
    }

    [TestMethod]
    public void UseInBlockNotDominatedByTheDefinitionIsReported()
    {
        // block0 -> block1 | block2 -> block3; v defined in block1 is used in block3.
        var (f, c, _, ps) = Start([I32], I32);
        var then = f.Dfg.MakeBlock();
        var els = f.Dfg.MakeBlock();
        var join = f.Dfg.MakeBlock();
        c.Ins().Brif(ps[0], then, [], els, []);
        c.AtBottom(then);
        var v = c.Ins().Iconst(I32, 1);
        c.Ins().Jump(join);
        c.AtBottom(els);
        c.Ins().Jump(join);
        c.AtBottom(join);
        c.Ins().Return(v);
        var d = AssertCodes(f, "STN2007");
        AssertMessageContains(d[0], "inst4 (`return v1`)", "uses v1, but its definition inst1 in block1 does not dominate block3");
    }

    [TestMethod]
    public void BlockParamOfNonDominatingBlockIsReported()
    {
        var (f, c, _, ps) = Start([I32], I32);
        var a = f.Dfg.MakeBlock();
        var b = f.Dfg.MakeBlock();
        var pa = f.Dfg.AppendBlockParam(a, I32);
        c.Ins().Brif(ps[0], a, [ps[0]], b, []);
        c.AtBottom(a);
        c.Ins().Return(pa);
        c.AtBottom(b);
        c.Ins().Return(pa);
        var d = AssertCodes(f, "STN2007");
        AssertMessageContains(d[0], "uses v1, a parameter of block1, which does not dominate block2");
    }

    [TestMethod]
    public void UseBeforeDefinitionInTheSameBlockAndSelfUseAreReported()
    {
        var (f, c, entry, _) = Start([], I32);
        var later = f.Dfg.MakeDetachedValue();
        Raw(f, entry, new InstructionData(Opcode.Iadd, later, later), I32);
        var def = Raw(f, entry, new InstructionData(Opcode.Iconst) { ControllingType = I32 });
        f.Dfg.AttachResult(def, later, I32);
        var self = Raw(f, entry, new InstructionData(Opcode.Iadd, later, later));
        var own = f.Dfg.AppendResult(self, I32);
        f.Dfg[self].Args[1] = own;
        Raw(f, entry, new InstructionData(Opcode.Return, own));
        var d = AssertCodes(f, "STN2007", "STN2007");
        AssertMessageContains(d[0], $"uses {later} before its definition by {def}");
        AssertMessageContains(d[1], $"uses its own result {own}");
    }

    [TestMethod]
    public void LoopHeaderValueUsedInTheBodyIsDominated()
    {
        var f = ValidFunctionTests.LoopWithCall();
        // Move the call's argument to a value defined in the exit block: the exit does not dominate the body.
        var exit = f.Layout.Blocks[3];
        var body = f.Layout.Blocks[2];
        var exitParam = f.Dfg.BlockParams(exit)[0];
        f.Dfg[f.Layout.BlockInsts(body)[0]].Args[0] = exitParam;
        AssertCodes(f, "STN2007");
    }

    [TestMethod]
    public void PositionsAndFileComeFromTheCallerAndOrderFollowsTheLayout()
    {
        var (f, c, entry, ps) = Start([IrType.I32, IrType.I64]);
        var second = f.Dfg.MakeBlock();
        c.Ins().Jump(second);
        c.AtBottom(second);
        Raw(f, second, new InstructionData(Opcode.Iadd, ps[0], ps[1]), I32);
        c.AtBottom(second).Ins().Return();
        // Put the bad block first in the layout order after the entry, then add a later problem in a new block.
        var third = f.Dfg.MakeBlock();
        f.Layout.AppendBlock(third);
        var diags = Stencil.Ir.Verification.Verifier.Verify(f, i => ((int)i.Index * 10 + 1, 3), "fn.clif");
        CollectionAssert.AreEqual(new[] { "STN2003", "STN2002" }, diags.Select(d => d.Code).ToArray());
        Assert.AreEqual("fn.clif", diags[0].File);
        Assert.AreEqual(11, diags[0].Line);
        Assert.AreEqual(3, diags[0].Column);
        StringAssert.StartsWith(diags[0].ToString(), "fn.clif(11,3): error STN2003: inst1 (`iadd v0, v1`)");
        _ = entry;
    }

    [TestMethod]
    public void ReportingStopsAtTheCap()
    {
        var (f, c, entry, ps) = Start([IrType.I32, IrType.I64]);
        for (int i = 0; i < 80; i++) Raw(f, entry, new InstructionData(Opcode.Iadd, ps[0], ps[1]), I32);
        c.AtBottom(entry).Ins().Return();
        var diags = Stencil.Ir.Verification.Verifier.Verify(f);
        Assert.AreEqual(Stencil.Ir.Verification.Verifier.MaxDiagnostics, diags.Count);
        Assert.IsTrue(diags.All(d => d.Code == VerifierDiagnosticCodes.OperandTypeMismatch));
        StringAssert.StartsWith(diags[0].Message, "inst0 ");
        StringAssert.StartsWith(diags[49].Message, "inst49 ");
    }
}
