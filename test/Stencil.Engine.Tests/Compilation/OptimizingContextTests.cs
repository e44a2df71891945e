using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Generation;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Compilation;

/// <summary>What <c>opt_level</c> changes in <see cref="Context"/>: the same stencil and flags always give the same
/// bytes (the cache depends on it), <c>speed</c> really optimizes, and <c>none</c> leaves the IR to dead-code removal.</summary>
[TestClass]
public sealed class OptimizingContextTests
{
    private static Context ContextAt(OptLevel level) =>
        new(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default with { OptLevel = level }));

    private static IReadOnlyList<Function> Module() => new RandomFunctionGenerator(2026).GenerateModule(60, 105);

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.SpeedAndSize)]
    public void SameStencilGivesSameBytes(OptLevel level)
    {
        // Two contexts and two freshly generated copies: nothing may leak between compilations.
        var first = Module().Select(f => ContextAt(level).Compile(f.Stencil)).ToList();
        var context = ContextAt(level);
        var second = Module().Select(f => context.Compile(f.Stencil)).ToList();
        for (int i = 0; i < first.Count; i++) Assert.IsTrue(first[i].SameAs(second[i]), $"function {i} compiled differently");
    }

    [TestMethod]
    public void SpeedMakesSmallerCodeThanNone()
    {
        int none = Module().Sum(f => ContextAt(OptLevel.None).Compile(f.Stencil).Code.Length);
        int speed = Module().Sum(f => ContextAt(OptLevel.Speed).Compile(f.Stencil).Code.Length);
        Assert.IsLessThan(none * 9 / 10, speed, $"speed {speed} bytes, none {none} bytes");
    }

    [TestMethod]
    public void NoneOnlyRemovesDeadCode()
    {
        const string text = """
            function %f(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 0
                v2 = iadd v0, v1
                v3 = iconst.i32 7
                return v2
            }
            """;
        var f = ClifReader.ParseFunction(text);
        ContextAt(OptLevel.None).Optimize(f.Stencil);
        var printed = ClifWriter.Write(f);
        StringAssert.Contains(printed, "v2 = iadd v0, v1");
        Assert.IsFalse(printed.Contains("iconst.i32 7"), printed);
        var g = ClifReader.ParseFunction(text);
        ContextAt(OptLevel.Speed).Optimize(g.Stencil);
        Assert.IsFalse(ClifWriter.Write(g).Contains("iadd"), ClifWriter.Write(g));
    }
}
