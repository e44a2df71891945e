using System.Text;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

/// <summary>Mutated valid texts must give a reader diagnostic or a function, never any other exception.</summary>
[TestClass]
public sealed class RobustnessTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Seed = """
        test run
        set opt_level=speed
        target x86_64 has_avx

        function %f(i64 vmctx, i32, f64) -> i64 system_v {
            ss0 = explicit_slot 16, align = 8
            gv0 = vmctx
            gv1 = load.i64 notrap aligned gv0+8
            sig0 = (i64) -> i64
            fn0 = %g(i64) -> i64
            fn1 = colocated %Memcpy(i64, i64, i64)
            const0 = 0x0102030405060708090a0b0c0d0e0f10

        block0(v0: i64, v1: i32, v2: f64):
        @0004 v3 = iconst.i64 0x1234_5678
              v4 = iadd v0, v3
              v5, v6 = uadd_overflow v4, v4
              v7 -> v5
              v8 = call fn0(v7)
              v9 = func_addr.i64 fn0
              v10 = call_indirect sig0, v9(v8)
              v11 = f64const -0x1.8p-3
              v12 = fcmp lt v2, v11
              v13 = vconst.i8x16 [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255]
              v14 = shuffle v13, v13, const0
              store notrap v10, v0+16
              v15 = atomic_rmw.i64 little add v0, v10
              br_table v1, block1(v10), [block1(v15), block2]

        block1(v20: i64):
              brif v12, block2, block1(v20)

        block2:
              v21 = stack_load.i64 ss0+8
              trapnz v21, user1
              return v21
        }
        ; run: %f(0, 1, 0x1.0p0) == 2
        """;

    [TestMethod]
    public void TwoThousandMutationsGiveOnlyDiagnostics()
    {
        var corpus = new List<string> { Seed };
        // The corpus only adds seeds: without it the mutations start from the built-in text alone.
        var folder = SharedCorpus.Find("cranelift-runtests");
        if (folder is not null)
            corpus.AddRange(Directory.GetFiles(folder, "*.clif").Order(StringComparer.Ordinal).Take(12).Select(File.ReadAllText));
        var rng = new Random(1234567);
        int diagnostics = 0, parsed = 0;
        for (int i = 0; i < 2000; i++)
        {
            var source = corpus[rng.Next(corpus.Count)];
            var text = TextMutator.Mutate(source, rng);
            try
            {
                var file = ClifReader.ParseFile(text, "fuzz.clif");
                parsed++;
                foreach (var f in file.Functions)
                {
                    var written = ClifWriter.Write(f.Function);
                    Assert.AreEqual(written, ClifWriter.Write(ClifReader.ParseFunction(written)), $"case {i}: round trip");
                }
            }
            catch (DiagnosticException e)
            {
                diagnostics++;
                Assert.StartsWith("STN10", e.Diagnostic.Code, $"case {i}");
                Assert.IsGreaterThanOrEqualTo(1, e.Diagnostic.Line, $"case {i}: {e.Diagnostic}");
                Assert.IsGreaterThanOrEqualTo(1, e.Diagnostic.Column, $"case {i}: {e.Diagnostic}");
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name}: {e.Message}\n--- input ---\n{text}");
            }
        }
        TestContext.WriteLine($"2000 mutated inputs: {diagnostics} diagnostics, {parsed} parsed");
        Assert.IsGreaterThan(500, diagnostics, "the mutations should break most inputs");
        Assert.IsGreaterThan(0, parsed, "some mutations keep the text valid");
    }

    [TestMethod]
    public void BinaryInputGivesADiagnostic()
    {
        var rng = new Random(99);
        var bytes = new byte[4096];
        rng.NextBytes(bytes);
        var e = Assert.ThrowsExactly<DiagnosticException>(() => ClifReader.ParseFile(Encoding.Latin1.GetString(bytes)));
        Assert.StartsWith("STN10", e.Diagnostic.Code);
    }
}
