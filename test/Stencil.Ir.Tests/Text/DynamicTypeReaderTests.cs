using Stencil.Ir.Diagnostics;
using Stencil.Ir.Entities;
using Stencil.Ir.Text;
using VerifierApi = Stencil.Ir.Verification.Verifier;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class DynamicTypeReaderTests
{
    private const string Narrow = """
        function %snarrow(i16, i16) -> i8x16 {
            gv0 = dyn_scale_target_const.i16x8
            gv1 = dyn_scale_target_const.i8x16
            dt0 = i16x8*gv0
            dt1 = i8x16*gv0

        block0(v0: i16, v1: i16):
            v2 = splat.dt0 v0
            v3 = splat.dt0 v1
            v4 = snarrow.dt0 v2, v3
            v5 = extract_vector v4, 0
            return v5
        }
        """;

    private static Diagnostic Error(string text) =>
        Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParseFunction(text, "bad.clif")).Diagnostic;

    [TestMethod]
    public void DeclarationsAndDynamicControllingTypesParse()
    {
        var f = ClifReader.ParseFunction(Narrow, "t.clif");
        Assert.HasCount(2, f.Stencil.DynamicTypes);
        Assert.AreEqual(new DynamicTypeData(IrType.Vector(IrType.I16, 8), new GlobalValue(0)), f.Stencil.DynamicTypes[0]);
        Assert.AreEqual(GlobalValueKind.DynScaleTargetConst, f.Stencil.GlobalValues[1].Kind);
        Assert.AreEqual(IrType.Vector(IrType.I8, 16), f.Stencil.GlobalValues[1].GlobalType);
        var insts = f.Layout.BlockInsts(new Block(0));
        var splat = f.Dfg[insts[0]];
        Assert.AreEqual(new DynamicType(0), splat.DynamicType);
        Assert.AreEqual(IrType.Vector(IrType.I16, 8), splat.ControllingType);
        Assert.AreEqual(Opcode.ExtractVector, f.Dfg[insts[3]].Opcode);
        Assert.AreEqual(IrType.Vector(IrType.I8, 16), f.Dfg.ValueType(new Value(5)));
    }

    [TestMethod]
    public void RoundTripsWithTheDynamicTypeSpelledOut()
    {
        var once = ClifWriter.Write(ClifReader.ParseFunction(Narrow, "t.clif"));
        Assert.AreEqual(once, ClifWriter.Write(ClifReader.ParseFunction(once, "written.clif")));
        StringAssert.Contains(once, "gv0 = dyn_scale_target_const.i16x8");
        StringAssert.Contains(once, "dt1 = i8x16*gv0");
        StringAssert.Contains(once, "v4 = snarrow.dt0 v2, v3");
        StringAssert.Contains(once, "v5 = extract_vector v4, 0");
    }

    [TestMethod]
    public void TheVerifierAcceptsIt()
    {
        var diags = VerifierApi.Verify(ClifReader.ParseFunction(Narrow, "t.clif"));
        Assert.IsEmpty(diags, string.Join("\n", diags));
    }

    [TestMethod]
    public void TheInterpreterReportsUnsupportedInsteadOfThrowing()
    {
        var f = ClifReader.ParseFunction(Narrow, "t.clif");
        var module = new Stencil.Ir.Interpretation.InterpreterModule();
        module.Add(f);
        var r = Stencil.Ir.Interpretation.Interpreter.Call(module, f,
            [Stencil.Ir.Interpretation.DataValue.Int(IrType.I16, 1), Stencil.Ir.Interpretation.DataValue.Int(IrType.I16, 2)]);
        Assert.IsNotNull(r.Unsupported);
    }

    [TestMethod]
    public void UndeclaredDynamicType()
    {
        var d = Error(Narrow.Replace("splat.dt0 v0", "splat.dt7 v0"));
        Assert.AreEqual((ReaderDiagnosticCodes.UndefinedReference, 8, 16), (d.Code, d.Line, d.Column), d.ToString());
    }

    [TestMethod]
    public void ScaleMustBeADynScaleGlobal()
    {
        var d = Error(Narrow.Replace("gv1 = dyn_scale_target_const.i8x16", "gv1 = vmctx").Replace("dt1 = i8x16*gv0", "dt1 = i8x16*gv1"));
        Assert.AreEqual((ReaderDiagnosticCodes.UnknownType, 5, 17), (d.Code, d.Line, d.Column), d.ToString());
    }

    [TestMethod]
    public void BaseMustBeAVector()
    {
        var d = Error(Narrow.Replace("dt1 = i8x16*gv0", "dt1 = i8*gv0"));
        Assert.AreEqual((ReaderDiagnosticCodes.UnknownType, 5, 11), (d.Code, d.Line, d.Column), d.ToString());
    }

    [TestMethod]
    public void MissingStar()
    {
        var d = Error(Narrow.Replace("dt1 = i8x16*gv0", "dt1 = i8x16 gv0"));
        Assert.AreEqual((ReaderDiagnosticCodes.UnexpectedToken, 5, 17), (d.Code, d.Line, d.Column), d.ToString());
    }
}
