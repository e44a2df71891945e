using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir;
using Stencil.Ir.Generation;
using Stencil.Ir.Interpretation;
using Stencil.Ir.Verification;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Differential;

/// <summary>
/// Seeded random scalar functions must give the same results in the interpreter and as native code: each
/// side is the other's oracle. The interpreter runs the function as generated; native code is compiled at
/// each opt level, so at <c>speed</c> the mid-end's output must verify and agree with the original.
/// The bench module's size (105 instructions) has more blocks and parameters for the control-flow passes.
/// CI runs at least 1,000 functions per row; STENCIL_FUZZ_COUNT asks for more.
/// </summary>
[TestClass]
public sealed class InterpreterVersusNativeTests
{
    public TestContext TestContext { get; set; } = null!;

    private const int FunctionsPerModule = 50;
    private const int ArgumentSetsPerFunction = 3;

    private static int FunctionCount =>
        int.TryParse(Environment.GetEnvironmentVariable("STENCIL_FUZZ_COUNT"), out var n) && n > 1000 ? n : 1000;

    [TestMethod]
    [DataRow(OptLevel.None, 40)]
    [DataRow(OptLevel.Speed, 40)]
    [DataRow(OptLevel.Speed, 105)]
    public void RandomFunctionsAgree(OptLevel level, int instructions)
    {
        var isa = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default with { OptLevel = level });
        int modules = (FunctionCount + FunctionsPerModule - 1) / FunctionsPerModule, calls = 0;
        for (int seed = 1; seed <= modules; seed++)
            calls += CheckModule(isa, seed, instructions);
        TestContext.WriteLine($"{modules * FunctionsPerModule} functions, {calls} calls agreed");
    }

    private static int CheckModule(TargetIsa isa, int seed, int instructions)
    {
        // Two copies from one seed: compiling changes functions in place, the interpreter keeps the originals.
        var generator = () => new RandomFunctionGenerator(seed, GeneratorOptions.Default with { NamePrefix = $"m{seed}_f" })
            .GenerateModule(FunctionsPerModule, instructions);
        var functions = generator();
        var originals = generator();
        var interpreter = new InterpreterModule();
        foreach (var f in originals) interpreter.Add(f);

        using var jit = new JitModule();
        var context = new Context(isa);
        var trampolines = new JitTrampolines(jit, context);
        var ids = new FuncId[functions.Count];
        var trampolineIds = new FuncId[functions.Count];
        for (int i = 0; i < functions.Count; i++)
        {
            ids[i] = jit.DefineFunction(functions[i], context);
            var problems = Verifier.Verify(functions[i]);
            Assert.IsEmpty(problems, $"seed {seed} {functions[i].Name}: the compiled (optimized) function does not verify: {string.Join("; ", problems)}\n{Ir.Text.ClifWriter.Write(functions[i])}");
            trampolineIds[i] = trampolines.GetOrDefine(functions[i].Signature);
        }
        jit.FinalizeDefinitions();

        var rng = new Random(seed * 7919);
        int calls = 0;
        for (int i = 0; i < functions.Count; i++)
        {
            var f = originals[i];
            for (int set = 0; set < ArgumentSetsPerFunction; set++)
            {
                var args = f.Signature.Params.Select(p => DataValue.FromBits(p.Type, Mask(RandomBits(rng), p.Type))).ToArray();
                var expected = Interpreter.Call(interpreter, f, args);
                Assert.IsNull(expected.Unsupported, $"seed {seed} {f.Name}: the interpreter could not run a generated function: {expected.Unsupported}");
                Assert.IsNull(expected.Trap, $"seed {seed} {f.Name}: a generated function trapped in the interpreter ({expected.Trap})");

                var native = new UInt128[Math.Max(1, f.Signature.Returns.Count)];
                JitCalls.CallDirect(jit.GetFunctionPointer(trampolineIds[i]), jit.GetFunctionPointer(ids[i]), args.Select(a => a.Bits).ToArray(), native);
                for (int r = 0; r < f.Signature.Returns.Count; r++)
                {
                    var type = f.Signature.Returns[r].Type;
                    Assert.AreEqual(Mask(expected.Returns[r].Bits, type), Mask(native[r], type),
                        $"seed {seed} {f.Name}({string.Join(", ", args)}) result {r}: interpreter {expected.Returns[r]}, native {Mask(native[r], type):x}\n{Ir.Text.ClifWriter.Write(f)}");
                }
                calls++;
            }
        }
        return calls;
    }

    /// <summary>Edge values matter most for integer code: mix extremes, small numbers and random words.</summary>
    private static UInt128 RandomBits(Random rng) => rng.Next(6) switch
    {
        0 => 0,
        1 => UInt128.MaxValue,
        2 => (UInt128)rng.Next(-8, 9) & UInt128.MaxValue,
        3 => (UInt128)1 << rng.Next(64),
        _ => ((UInt128)(ulong)rng.NextInt64() << 64) | (ulong)rng.NextInt64(),
    };

    private static UInt128 Mask(UInt128 bits, IrType type) => type.Bits >= 128 ? bits : bits & (((UInt128)1 << type.Bits) - 1);
}
