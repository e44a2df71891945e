using Stencil.Ir.Interpretation;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class RunDirectiveTests
{
    private const string Clif = """
        function %pair(i32, f64) -> i32, f64 {
        block0(v0: i32, v1: f64):
            return v0, v1
        }
        function %is_zero(i64) -> i8 {
        block0(v0: i64):
            v1 = icmp_imm eq v0, 0
            return v1
        }
        """;

    private static (RunOutcome, string) Eval(string directive)
    {
        var file = ClifReader.ParseFile(Clif);
        var module = new InterpreterModule();
        foreach (var f in file.Functions) module.Add(f.Function);
        return RunDirectiveEvaluator.Evaluate(module, file.Functions[0].Function, directive);
    }

    [TestMethod]
    public void ParsesTheDirectiveForms()
    {
        Assert.IsTrue(RunDirective.TryParse("%f(1, 0x2) == [3, -0.0]", out var d, out _));
        Assert.AreEqual("f", d.FunctionName);
        Assert.AreEqual("==", d.Comparison);
        CollectionAssert.AreEqual(new[] { "3", "-0.0" }, RunDirective.SplitList(d.ExpectedText!));
        Assert.IsTrue(RunDirective.TryParse("%g()", out var bare, out _));
        Assert.IsNull(bare.Comparison);
        Assert.IsFalse(RunDirective.TryParse("f(1) == 2", out _, out var error));
        Assert.IsNotNull(error);
    }

    [TestMethod]
    public void ParsesLiteralsByType()
    {
        Assert.IsTrue(RunDirective.TryParseValue("0x1.8p1", IrType.F64, out var f));
        Assert.AreEqual(3.0, f.AsF64());
        Assert.IsTrue(RunDirective.TryParseValue("-0.0", IrType.F32, out var z));
        Assert.AreEqual(0x8000_0000UL, z.AsUInt64());
        Assert.IsTrue(RunDirective.TryParseValue("+Inf", IrType.F64, out var inf));
        Assert.IsTrue(double.IsPositiveInfinity(inf.AsF64()));
        Assert.IsTrue(RunDirective.TryParseValue("NaN", IrType.F32, out var nan) && nan.IsNaN);
        Assert.IsTrue(RunDirective.TryParseValue("0xFFFFFFFF_FFFFFFFF_FFFFFFFF_FFFFFFFF", IrType.I128, out var all));
        Assert.AreEqual((Int128)(-1), all.AsInt128());
        Assert.IsTrue(RunDirective.TryParseValue("-1", IrType.I8, out var m));
        Assert.AreEqual((UInt128)0xFF, m.Bits);
    }

    [TestMethod]
    public void JudgesResults()
    {
        Assert.AreEqual(RunOutcome.Pass, Eval("%pair(7, 0x1.0p0) == [7, 0x1.0p0]").Item1);
        Assert.AreEqual(RunOutcome.Fail, Eval("%pair(7, 0x1.0p0) == [8, 0x1.0p0]").Item1);
        Assert.AreEqual(RunOutcome.Pass, Eval("%pair(7, 0x1.0p0) != [8, 0x1.0p0]").Item1);
        Assert.AreEqual(RunOutcome.Pass, Eval("%is_zero(0)").Item1);
        Assert.AreEqual(RunOutcome.Fail, Eval("%is_zero(1)").Item1);
        Assert.AreEqual(RunOutcome.Fail, Eval("%nowhere(1) == 1").Item1);
    }
}
