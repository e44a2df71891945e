using Stencil.Ir;

namespace Stencil.Isa.Tests;

/// <summary>A select of integers on an fcmp, directly or through uextend, picks with cmovs on the compare's own flags;
/// every condition gives the IR's answer, NaNs and signed zeros included.</summary>
[TestClass]
public sealed unsafe class FloatSelectExecutionTests
{
    private static readonly double[] Samples = [0.0, -0.0, 1.0, -1.0, 2.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    [TestMethod]
    [DataRow("f32", false)]
    [DataRow("f64", false)]
    [DataRow("f32", true)]
    [DataRow("f64", true)]
    public void SelectOnEveryFloatCondition(string type, bool throughUextend)
    {
        foreach (FloatCC cc in Enum.GetValues<FloatCC>())
        {
            string cond = throughUextend ? "v5 = uextend.i32 v4" : "v5 = iadd_imm v4, 0";
            string pick = throughUextend ? "v5" : "v4";
            var code = ClifIsa.Compile($$"""
                function %f({{type}}, {{type}}, i64, i64) -> i64 {
                block0(v0: {{type}}, v1: {{type}}, v2: i64, v3: i64):
                    v4 = fcmp {{cc.ToText()}} v0, v1
                    {{cond}}
                    v6 = select.i64 {{pick}}, v2, v3
                    return v6
                }
                """);
            Assert.DoesNotContain("set", ClifIsa.Disassemble(code), $"{cc}: no setcc");
            using var img = new JitImage(code);
            foreach (var a in Samples)
                foreach (var b in Samples)
                {
                    long got = type == "f32"
                        ? ((delegate* unmanaged<float, float, long, long, long>)img[0])((float)a, (float)b, 11, 22)
                        : ((delegate* unmanaged<double, double, long, long, long>)img[0])(a, b, 11, 22);
                    Assert.AreEqual(cc.Evaluate(a, b) ? 11L : 22L, got, $"select (fcmp {cc.ToText()} {a}, {b}) {type}");
                }
        }
    }
}
