using Stencil.Ir.Generation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using IrVerifier = Stencil.Ir.Verification.Verifier;

namespace Stencil.Ir.Tests.Generation;

[TestClass]
public sealed class RandomFunctionGeneratorTests
{
    private static readonly KeyContext Keys = new("x86_64-unknown-linux-gnu", [], "generator-tests");

    /// <summary>2,000 functions over 40 modules of 50: every one verifies and reads back from its text
    /// into a function that writes the same text and has the same cache key.</summary>
    [TestMethod]
    public void GeneratedModulesVerifyAndRoundTripThroughText()
    {
        int total = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var module = new RandomFunctionGenerator(seed).GenerateModule(50, 60);
            foreach (var f in module)
            {
                var text = ClifWriter.Write(f);
                var problems = IrVerifier.Verify(f);
                Assert.IsEmpty(problems, $"seed {seed}: {string.Join("; ", problems)}\n{text}");
                var back = ClifReader.ParseFunction(text);
                Assert.IsEmpty(IrVerifier.Verify(back), text);
                Assert.AreEqual(text, ClifWriter.Write(back));
                Assert.AreEqual(StencilEncoder.ComputeKey(f.Stencil, Keys), StencilEncoder.ComputeKey(back.Stencil, Keys));
                total++;
            }
        }
        Assert.AreEqual(2000, total);
    }

    [TestMethod]
    public void SameSeedGivesSameText_DifferentSeedDiffers()
    {
        string Text(int seed) => ClifModuleText.Write(new RandomFunctionGenerator(seed).GenerateModule(20, 80));
        Assert.AreEqual(Text(7), Text(7));
        Assert.AreNotEqual(Text(7), Text(8));
    }

    [TestMethod]
    public void ModulesHaveTheRequestedShapes()
    {
        var text = ClifModuleText.Write(new RandomFunctionGenerator(3).GenerateModule(60, 150));
        foreach (var needle in new[] { "br_table", "brif", "select", "stack_store", "stack_load", "stack_addr", "call fn", "udiv", "sdiv", "uextend", "sextend", "ireduce", "icmp", "ishl", "i8", "i16" })
            StringAssert.Contains(text, needle);
    }

    [TestMethod]
    public void SizeTracksTheTarget()
    {
        var module = new RandomFunctionGenerator(11).GenerateModule(100, 100);
        double mean = module.Average(f => f.Dfg.NumInsts);
        Assert.IsTrue(mean is >= 90 and <= 160, $"mean {mean}");
    }

    /// <summary>Callees always have a higher index, so the call graph cannot have a cycle.</summary>
    [TestMethod]
    public void CallsOnlyReachLaterFunctions()
    {
        var module = new RandomFunctionGenerator(5).GenerateModule(80, 120);
        var index = module.Select((f, i) => (f.Name.SymbolName, i)).ToDictionary(p => p.SymbolName, p => p.i);
        int calls = 0;
        for (int i = 0; i < module.Count; i++)
            foreach (var name in module[i].Params.UserNamedFuncs)
            {
                Assert.IsGreaterThan(i, index[name.Symbol!]);
                calls++;
            }
        Assert.IsGreaterThan(0, calls);
    }

    [TestMethod]
    public void RestrictedOpcodesAreRespected()
    {
        var allowed = new HashSet<Opcode> { Opcode.Iconst, Opcode.Return, Opcode.Bxor, Opcode.Uextend, Opcode.Ireduce, Opcode.Iadd, Opcode.Jump, Opcode.Brif, Opcode.Icmp };
        var options = new GeneratorOptions { AllowedOpcodes = allowed };
        foreach (var f in new RandomFunctionGenerator(9, options).GenerateModule(30, 80))
        {
            Assert.IsEmpty(IrVerifier.Verify(f));
            foreach (var inst in f.Layout.Insts())
                Assert.Contains(f.Dfg[inst].Opcode, allowed);
        }
    }

    [TestMethod]
    public void OptionsWithoutTheBasicsAreRejected() =>
        Assert.ThrowsExactly<ArgumentException>(() => new RandomFunctionGenerator(1, new GeneratorOptions { AllowedOpcodes = new HashSet<Opcode> { Opcode.Iadd } }));
}
