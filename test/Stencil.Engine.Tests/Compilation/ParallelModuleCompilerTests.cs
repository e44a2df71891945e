using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Engine.Tests.Properties;
using Stencil.Ir;
using Stencil.Ir.Text;

namespace Stencil.Engine.Tests.Compilation;

/// <summary>
/// The compiler over modules of several batches, whose functions' IR is made on demand (as a wasm module's): while one
/// batch compiles, largest functions first, later ones are keyed. The result must not depend on that: the same code, keys,
/// statistics and diagnostics at any parallelism, every IR made once and let go of.
/// </summary>
[TestClass]
public sealed class ParallelModuleCompilerTests
{
    // More than two batches at any parallelism used here (a batch is max(128, 64 x workers) functions).
    private const int Count = 700;

    /// <summary>Function <paramref name="i"/>: its size varies a lot, and every seventh (but the first) repeats the body of one of functions 0 to 4.</summary>
    private static string Text(int i)
    {
        int body = i % 7 == 0 ? i / 7 % 5 : i;
        var lines = new List<string> { $"function %f{i}(i64) -> i64 system_v {{", "block0(v0: i64):" };
        int steps = 1 + body * 37 % 90;
        for (int s = 1; s <= steps; s++) lines.Add($"    v{s} = {(s % 3 == 0 ? "imul_imm" : s % 3 == 1 ? "iadd_imm" : "bxor_imm")} v{s - 1}, {body + s}");
        lines.Add($"    return v{steps}");
        lines.Add("}");
        return string.Join("\n", lines);
    }

    private static Function Parse(int i) => ClifReader.ParseFile(Text(i), "m.clif").Functions[0].Function;

    private static (ModuleFunction[] Functions, int[] Made) Module(Func<int, Function>? produce = null)
    {
        var made = new int[Count];
        var functions = new ModuleFunction[Count];
        for (int i = 0; i < Count; i++)
        {
            int at = i;
            functions[i] = new ModuleFunction($"f{i}", () =>
            {
                Interlocked.Increment(ref made[at]);
                return (produce ?? Parse)(at);
            }, "m.clif", at + 1, 1);
        }
        return (functions, made);
    }

    [TestMethod]
    public void TheResultIsTheSameAtEveryParallelismAndEveryIrIsMadeOnceAndReleased()
    {
        ModuleCompileResult? first = null;
        foreach (int parallelism in new[] { 1, 2, 3 })
        {
            var (functions, made) = Module();
            var result = new ParallelModuleCompiler(PropertyCorpus.Isa, new MemoryCacheStore(), parallelism).Compile(functions);

            Assert.IsEmpty(result.Diagnostics, string.Join("\n", result.Diagnostics));
            Assert.IsTrue(made.All(m => m == 1), $"parallelism {parallelism}: every function's IR is made exactly once");
            Assert.IsTrue(functions.All(f => f.PeekFunction is null), $"parallelism {parallelism}: and let go of after its batch");
            Assert.IsTrue(result.Code.All(c => c is not null));
            Assert.AreEqual(Count / 7 - 1, result.Stats.Deduplicated, "every seventh function but the first repeats one");
            if (first is null) { first = result; continue; }
            CollectionAssert.AreEqual(first.Keys, result.Keys, $"parallelism {parallelism}");
            Assert.AreEqual(first.Stats, result.Stats);
            for (int i = 0; i < Count; i++) Assert.IsTrue(first.Code[i]!.SameAs(result.Code[i]!), $"parallelism {parallelism}: function {i}");
        }
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void AKeyingBugInALaterBatchStopsTheCompileAfterTheEarlierBatchesDiagnostics(int parallelism)
    {
        // Function 5 fails to compile (batch one); the IR of 300 (batch three) cannot be made, a bug; 650 fails too,
        // but the compile stops at 300's batch, which is keyed while batch two compiles; 650's is never keyed.
        var (functions, _) = Module(i => i is 300 or 650 ? throw new InvalidOperationException($"no IR for {i}") : Parse(i));
        ModuleCompileResult result;
        using (FaultInjection.Inject(at => at == FaultInjection.CompilePrefix + "f5" ? new InvalidOperationException("compile bug") : null))
            result = new ParallelModuleCompiler(PropertyCorpus.Isa, new MemoryCacheStore(), parallelism).Compile(functions);

        CollectionAssert.AreEqual(new[] { 6, 301 }, result.Diagnostics.Select(d => d.Line).ToArray(), string.Join("\n", result.Diagnostics));
        Assert.IsTrue(result.Diagnostics.All(d => d.Code == BuildDiagnosticCodes.InternalCompilerError));
        StringAssert.Contains(result.Diagnostics[1].Message, "no IR for 300");
        Assert.IsTrue(functions.All(f => f.PeekFunction is null), "what was made is let go of");
    }
}
