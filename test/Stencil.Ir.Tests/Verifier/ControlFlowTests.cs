using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

/// <summary>Branches, entry block, returns and calls against parameters and signatures: STN2008-STN2011.</summary>
[TestClass]
public sealed class ControlFlowTests
{
    private static readonly IrType I32 = IrType.I32, I64 = IrType.I64, F64 = IrType.F64;

    [TestMethod]
    public void BranchArgumentCountAndTypeMustMatchBlockParams()
    {
        var (f, c, _, ps) = Start([I32, I64]);
        var target = f.Dfg.MakeBlock();
        f.Dfg.AppendBlockParam(target, I64);
        var other = f.Dfg.MakeBlock();
        c.Ins().Brif(ps[0], target, [ps[0]], other, [ps[1]]);
        c.AtBottom(target);
        c.Ins().Return();
        c.AtBottom(other);
        c.Ins().Return();
        var d = AssertCodes(f, "STN2008", "STN2008");
        AssertMessageContains(d[0], "passes v0 of type i32 to parameter v2 of block1, which has type i64");
        AssertMessageContains(d[1], "passes 1 argument to block2, which has 0 parameters");
    }

    [TestMethod]
    public void EntryBlockCannotBeABranchTarget()
    {
        var (f, c, entry, ps) = Start([I32]);
        var loop = f.Dfg.MakeBlock();
        c.Ins().Jump(loop);
        c.AtBottom(loop);
        c.Ins().Jump(entry, ps[0]);
        var d = AssertCodes(f, "STN2008");
        AssertMessageContains(d[0], "branches to the entry block block0");
    }

    [TestMethod]
    public void JumpTableEntriesAreCheckedLikeBranches()
    {
        var (f, c, _, ps) = Start([I32]);
        var a = f.Dfg.MakeBlock();
        f.Dfg.AppendBlockParam(a, I32);
        var jt = f.CreateJumpTable(new JumpTableData(BlockCall.To(a, ps[0]), [BlockCall.To(a, ps[0]), BlockCall.To(a)]));
        c.Ins().BrTable(ps[0], jt);
        c.AtBottom(a);
        c.Ins().Return();
        var d = AssertCodes(f, "STN2008");
        AssertMessageContains(d[0], "`br_table v0, jt0`", "passes 0 arguments to block1");
    }

    [TestMethod]
    public void EntryBlockParamsMustMatchSignature()
    {
        var f = NewFunction([I32, I64]);
        var c = new FuncCursor(f);
        var entry = c.InsertBlock();
        f.Dfg.AppendBlockParam(entry, I32);
        c.Ins().Return();
        var d = AssertCodes(f, "STN2009");
        AssertMessageContains(d[0], "entry block0 has 1 parameter but the signature has 2");

        var g = NewFunction([I32, I64]);
        var gc = new FuncCursor(g);
        var ge = gc.InsertBlock();
        g.Dfg.AppendBlockParam(ge, I32);
        g.Dfg.AppendBlockParam(ge, F64);
        gc.Ins().Return();
        var e = AssertCodes(g, "STN2009");
        AssertMessageContains(e[0], "parameter 1 (v1) has type f64 but the signature says i64");
    }

    [TestMethod]
    public void ReturnValuesMustMatchSignature()
    {
        var (f, c, _, ps) = Start([I32, I64], I64);
        var exit = f.Dfg.MakeBlock();
        c.Ins().Brif(ps[0], exit, [], f.Dfg.MakeBlock() is var other ? other : default, []);
        c.AtBottom(exit);
        c.Ins().Return(ps[0]);
        c.AtBottom(other);
        c.Ins().Return(ps[1], ps[1]);
        var d = AssertCodes(f, "STN2010", "STN2010");
        AssertMessageContains(d[0], "return value 1 (v0) has type i32, but the signature returns i64");
        AssertMessageContains(d[1], "returns 2 values, but the signature returns 1");
    }

    [TestMethod]
    public void CallsMustMatchTheCalleeSignature()
    {
        var (f, c, entry, ps) = Start([I32, I64, F64], I64);
        var callee = f.ImportUserFunction(UserExternalName.FromSymbol("g"), Sig([I64], I64));
        c.Ins().Call(callee, ps[0]);
        c.Ins().Call(callee, ps[1], ps[1]);
        Raw(f, entry, new InstructionData(Opcode.Call, ps[1]) { FuncRef = callee }, I32);
        var sig = f.ImportSignature(Sig([F64]));
        Raw(f, entry, new InstructionData(Opcode.CallIndirect, ps[2], ps[1]) { SigRef = sig });
        Raw(f, entry, new InstructionData(Opcode.Return, ps[1]));
        var d = AssertCodes(f, "STN2011", "STN2011", "STN2011", "STN2003", "STN2011");
        AssertMessageContains(d[0], "argument 1 (v0) has type i32, but fn0 `(i64) -> i64 system_v` takes i64 there");
        AssertMessageContains(d[1], "passes 2 arguments, but fn0");
        AssertMessageContains(d[2], "result v5 has type i32, but fn0");
        AssertMessageContains(d[3], "callee v2 has type f64");
        AssertMessageContains(d[4], "argument 1 (v1) has type i64, but sig1");
    }

    [TestMethod]
    public void TailCallReturnsMustMatchTheCaller()
    {
        var (f, c, entry, ps) = Start([I64], I32);
        var callee = f.ImportUserFunction(UserExternalName.FromSymbol("g"), Sig([I64], I64));
        Raw(f, entry, new InstructionData(Opcode.ReturnCall, ps[0]) { FuncRef = callee });
        var d = AssertCodes(f, "STN2011");
        AssertMessageContains(d[0], "tail-calls fn0", "whose returns differ");
        _ = c;
    }
}
