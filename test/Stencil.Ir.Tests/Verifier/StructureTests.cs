using Stencil.Ir.Entities;
using Stencil.Ir.Verification;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

/// <summary>Layout, terminators and entity references: STN2001, STN2002, STN2012, STN2015.</summary>
[TestClass]
public sealed class StructureTests
{
    private static readonly IrType I32 = IrType.I32, I64 = IrType.I64;

    [TestMethod]
    public void EmptyFunctionHasNoEntryBlock()
    {
        var d = AssertCodes(new Function(), VerifierDiagnosticCodes.NoEntryBlock);
        Assert.AreEqual("STN2001", d[0].Code);
        Assert.AreEqual(Diagnostics.DiagnosticSeverity.Error, d[0].Severity);
    }

    [TestMethod]
    public void BlockWithoutTerminatorIsReported()
    {
        var (f, c, _, _) = Start([], I32);
        c.Ins().Iconst(I32, 1);
        var d = AssertCodes(f, "STN2002");
        AssertMessageContains(d[0], "inst0 (`iconst.i32 1`)", "not a terminator");
    }

    [TestMethod]
    public void EmptyBlockIsReported()
    {
        var (f, c, _, _) = Start([]);
        var empty = f.Dfg.MakeBlock();
        c.Ins().Jump(empty);
        f.Layout.AppendBlock(empty);
        var d = AssertCodes(f, "STN2002");
        AssertMessageContains(d[0], "block1 is empty");
    }

    [TestMethod]
    public void TerminatorBeforeTheEndIsReported()
    {
        var (f, c, _, _) = Start([]);
        c.Ins().Return();
        c.Ins().Return();
        var d = AssertCodes(f, "STN2002");
        AssertMessageContains(d[0], "inst0 (`return`)", "not the last instruction of block0");
    }

    [TestMethod]
    public void OutOfRangeEntityReferencesAreReported()
    {
        var (f, c, entry, _) = Start([], I64);
        Raw(f, entry, new InstructionData(Opcode.FuncAddr) { ControllingType = I64, FuncRef = new FuncRef(3) }, I64);
        Raw(f, entry, new InstructionData(Opcode.StackLoad) { ControllingType = I64, StackSlot = new StackSlot(0) }, I64);
        Raw(f, entry, new InstructionData(Opcode.GlobalValue) { ControllingType = I64, GlobalValue = new GlobalValue(2) }, I64);
        Raw(f, entry, new InstructionData(Opcode.Vconst) { ControllingType = IrType.Vector(I32, 4), Constant = new Constant(0) }, IrType.Vector(I32, 4));
        var sigTarget = c.Ins().Iconst(I64, 0);
        Raw(f, entry, new InstructionData(Opcode.CallIndirect, sigTarget) { SigRef = new SigRef(5) });
        var idx = c.Ins().Iconst(I32, 0);
        Raw(f, entry, new InstructionData(Opcode.BrTable, idx) { JumpTable = new JumpTable(4) });
        var d = AssertCodes(f, "STN2012", "STN2012", "STN2012", "STN2012", "STN2012", "STN2012");
        AssertMessageContains(d[0], "fn3, which does not exist");
        AssertMessageContains(d[1], "ss0");
        AssertMessageContains(d[2], "gv2");
        AssertMessageContains(d[3], "const0");
        AssertMessageContains(d[4], "sig5");
        AssertMessageContains(d[5], "jt4");
    }

    [TestMethod]
    public void DeclarationsWithDanglingReferencesAreReported()
    {
        var (f, c, _, _) = Start([]);
        f.ImportFunction(new ExtFuncData(Names.ExternalName.FromLibCall(default), new SigRef(7), false));
        var gv = f.CreateGlobalValue(GlobalValueData.IAddImm(new GlobalValue(9), 8, I64));
        f.Stencil.StackLimit = new GlobalValue(11);
        c.Ins().Return();
        var d = AssertCodes(f, "STN2012", "STN2012", "STN2012");
        AssertMessageContains(d[0], "fn0 refers to sig7");
        AssertMessageContains(d[1], $"{gv} is based on gv9");
        AssertMessageContains(d[2], "stack limit is gv11");
        Assert.AreEqual(0, d[0].Line, "function-level problems have no position");
    }

    [TestMethod]
    public void GlobalValueCycleIsReportedOnce()
    {
        var (f, c, _, _) = Start([]);
        f.CreateGlobalValue(GlobalValueData.VMContext());
        f.CreateGlobalValue(GlobalValueData.Load(new GlobalValue(2), 0, I64, MemFlags.Trusted));
        f.CreateGlobalValue(GlobalValueData.IAddImm(new GlobalValue(1), 8, I64));
        f.CreateGlobalValue(GlobalValueData.IAddImm(new GlobalValue(1), 16, I64));
        c.Ins().Return();
        var d = AssertCodes(f, "STN2012");
        AssertMessageContains(d[0], "global values form a cycle: gv1 -> gv2 -> gv1");
    }

    [TestMethod]
    public void BranchToMissingBlockAndUnknownOpcodeAreReported()
    {
        var (f, _, entry, _) = Start([]);
        Raw(f, entry, new InstructionData((Opcode)9999));
        Raw(f, entry, new InstructionData(Opcode.Jump) { Destinations = [BlockCall.To(new Block(42))] });
        var d = AssertCodes(f, "STN2012", "STN2012");
        AssertMessageContains(d[0], "opcode number 9999");
        AssertMessageContains(d[1], "block42, which does not exist");
    }

    [TestMethod]
    public void BranchToBlockOutsideTheLayoutIsReported()
    {
        var (f, c, _, _) = Start([]);
        var detached = f.Dfg.MakeBlock();
        c.Ins().Jump(detached);
        var d = AssertCodes(f, "STN2015");
        AssertMessageContains(d[0], "branches to block1, which is not in the layout");
    }

    [TestMethod]
    public void UseOfResultOfInstructionOutsideTheLayoutIsReported()
    {
        var (f, c, entry, _) = Start([], I32);
        var x = c.Ins().Iconst(I32, 5);
        var def = f.Dfg.ValueDef(x).Inst;
        f.Layout.RemoveInst(def);
        c.AtBottom(entry).Ins().Return(x);
        var d = AssertCodes(f, "STN2015");
        AssertMessageContains(d[0], "uses v0, defined by inst0, which is not in the layout");
    }

    [TestMethod]
    public void LayoutRefusesToListABlockTwiceOrUninserted()
    {
        // The layout itself rejects these, so the verifier never sees a block listed twice or never inserted.
        var (f, c, _, _) = Start([]);
        var b = f.Dfg.MakeBlock();
        c.Ins().Jump(b);
        Assert.ThrowsExactly<InvalidOperationException>(() => f.Layout.MoveBlock(b, 1));
        c.AtBottom(b);
        Assert.ThrowsExactly<InvalidOperationException>(() => f.Layout.AppendBlock(b));
        c.Ins().Return();
        Assert.AreEqual(0, Verification.Verifier.Verify(f).Count);
    }

    [TestMethod]
    public void InstructionThatDoesNotExistInTheLayoutIsReported()
    {
        var (f, c, entry, _) = Start([]);
        c.Ins().Return();
        f.Layout.InsertInst(new Inst(77), entry, 0);
        var d = AssertCodes(f, "STN2012");
        AssertMessageContains(d[0], "block0 lists inst77, which does not exist");
    }
}
