using Stencil.Ir;
using Stencil.Ir.Diagnostics;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class BackendDiagnosticsTests
{
    private static Diagnostic CompileError(Function f) =>
        Assert.ThrowsExactly<DiagnosticException>(() => TestIr.Compile(f)).Diagnostic;

    [TestMethod]
    public void UnsupportedOpcodeIsSTN3001()
    {
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var pinned = c.Insert(new InstructionData(Opcode.GetPinnedReg) { ControllingType = IrType.I64 });
        c.Ins().Return(c.Ins().Iadd(a[0], f.Dfg.FirstResult(pinned)));
        var d = CompileError(f);
        Assert.AreEqual("STN3001", d.Code);
        Assert.AreEqual("x86-64 backend does not support `get_pinned_reg.i64` yet", d.Message);
    }

    [TestMethod]
    public void DynamicScaleGlobalIsRefusedNotMiscompiled()
    {
        var f = TestIr.Func([], [IrType.I64], out var c, out _);
        var gv = f.CreateGlobalValue(GlobalValueData.DynScaleTargetConst(IrType.Vector(IrType.I8, 16)));
        var v = f.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.GlobalValue) { ControllingType = IrType.I64, GlobalValue = gv }));
        c.Ins().Return(v);
        Assert.AreEqual("STN3002", CompileError(f).Code);
    }

    [TestMethod]
    public void UnsupportedTypeIsSTN3002()
    {
        var vector = IrType.Vector(IrType.I32, 4);
        var f = TestIr.Func([vector], [vector], out var c, out var a);
        c.Ins().Return(a[0]);
        Assert.AreEqual("STN3002", CompileError(f).Code);

        var g = TestIr.Func([IrType.I64], [IrType.I64], out c, out a);
        var wide = c.Ins().Convert(Opcode.Uextend, IrType.I128, a[0]);
        c.Ins().Return(c.Ins().Convert(Opcode.Ireduce, IrType.I64, c.Ins().Binary(Opcode.Udiv, wide, wide)));
        Assert.AreEqual("STN3002", CompileError(g).Code, "i128 division is not supported");

        var h = TestIr.Func([IrType.F32], [IrType.F32], out c, out a);
        c.Ins().Return(c.Ins().Convert(Opcode.Fdemote, IrType.F16, c.Ins().Convert(Opcode.Fpromote, IrType.F64, a[0])) is var half ? c.Ins().Convert(Opcode.Fpromote, IrType.F32, half) : default);
        Assert.AreEqual("STN3002", CompileError(h).Code);
    }

    [TestMethod]
    public void UnsupportedCallingConventionIsSTN3003()
    {
        var f = new Function(Stencil.Ir.Names.UserFuncName.FromTestcase("w"), TestIr.Sig([IrType.I64], [IrType.I64], CallConv.WindowsFastcall));
        var c = new FuncCursor(f);
        var entry = c.InsertBlock();
        c.Ins().Return(f.Dfg.AppendBlockParam(entry, IrType.I64));
        var d = CompileError(f);
        Assert.AreEqual("STN3003", d.Code);
        StringAssert.Contains(d.Message, "windows_fastcall");
    }

    [TestMethod]
    public void MalformedFunctionsAreDiagnosedNotCrashes()
    {
        var empty = new Function();
        Assert.AreEqual("STN3005", CompileError(empty).Code);

        var noTerminator = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        c.Ins().IaddImm(a[0], 1);
        Assert.AreEqual("STN3005", CompileError(noTerminator).Code);

        var wrongReturn = TestIr.Func([IrType.I64], [IrType.I64], out c, out a);
        c.Ins().Return(a[0], a[0]);
        Assert.AreEqual("STN3005", CompileError(wrongReturn).Code);

        var missingOperand = TestIr.Func([IrType.I64], [IrType.I64], out c, out a);
        var bad = c.Ins().Iadd(a[0], a[0]);
        missingOperand.Dfg[missingOperand.Dfg.ValueDef(bad).Inst].Args = [a[0]];
        c.Ins().Return(bad);
        Assert.AreEqual("STN3005", CompileError(missingOperand).Code);

        var oneWayBrif = TestIr.Func([IrType.I64], [IrType.I64], out c, out a);
        var next = oneWayBrif.Dfg.MakeBlock();
        var brif = c.Ins().Brif(a[0], next, [], next, []);
        oneWayBrif.Dfg[brif].Destinations = [BlockCall.To(next)];
        c.AtBottom(next);
        c.Ins().Return(a[0]);
        Assert.AreEqual("STN3005", CompileError(oneWayBrif).Code);
    }
}
