using System.Security.Cryptography;
using Stencil.Engine.Wasm;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Verification;
using Stencil.Isa;
using Stencil.Wasm;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Tests.Wasm;

/// <summary>
/// Every valid module of the wasm-spec corpus translates completely (every defined function and every trampoline),
/// every IR function passes the verifier, and the whole module compiles for x86-64 at <c>opt_level=speed</c> (and
/// <c>none</c>). Anything that does not is listed in <c>test/expectations/wasm-spec/translate.tsv</c> (aim: empty).
/// </summary>
[TestClass]
public sealed class SpecCorpusCompileTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void EverySpecModuleTranslatesVerifiesAndCompiles()
    {
        var commands = SpecScripts.Require();
        var entries = new List<Expectation>();
        var seen = new HashSet<string>();
        int modules = 0, functions = 0;
        foreach (var command in commands)
        {
            if (command.Type is not ("module" or "assert_unlinkable" or "assert_uninstantiable" or "assert_trap" or "assert_exhaustion")) continue;
            var bytes = File.ReadAllBytes(command.WasmPath);
            if (!seen.Add(Convert.ToHexString(SHA256.HashData(bytes)))) continue;
            var module = WasmLoader.Load(bytes, Path.GetFileName(command.WasmPath));
            TranslatedModule translated;
            try
            {
                translated = ModuleTranslator.Translate(module, "spec");
            }
            catch (Exception e)
            {
                entries.Add(Expectation.Of(command.Key, "translate", Describe(e)));
                continue;
            }
            modules++;
            functions += translated.Functions.Count;
            var verifier = translated.Functions
                .Select(f => (f.Symbol, Diagnostics: Verifier.Verify(f.Function)))
                .FirstOrDefault(f => f.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error));
            if (verifier.Symbol is not null)
            {
                entries.Add(Expectation.Of(command.Key, "verify", $"{verifier.Symbol}: {verifier.Diagnostics[0].Message}"));
                continue;
            }
            foreach (var level in new[] { OptLevel.Speed, OptLevel.None })
            {
                var compilation = WasmCompiler.Compile(ModuleTranslator.Translate(module, "spec"), new WasmCompileOptions { OptLevel = level });
                if (!compilation.Succeeded)
                {
                    var error = compilation.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
                    entries.Add(Expectation.Of(command.Key, $"compile-{level}", $"{error.Code} {error.Message}"));
                    break;
                }
            }
        }
        TestContext.WriteLine($"{modules} distinct modules, {functions} IR functions, {entries.Count} listed");
        Assert.IsGreaterThan(650, modules, "the corpus gave too few modules");
        ExpectationsFile.Check("wasm-spec/translate.tsv", entries,
            "wasm-spec: valid modules that do not translate, verify or compile at opt_level speed and none.");
    }

    private static string Describe(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        return $"{e.GetType().Name}: {e.Message}";
    }
}
