using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Diagnostics;

namespace Stencil.Wasm.Tests.Spec;

/// <summary>
/// The spec testsuite's verdicts on binary modules: every <c>module</c> (and every module of <c>assert_unlinkable</c>
/// and <c>assert_uninstantiable</c>, which are valid) must decode and validate, every <c>assert_invalid</c> be
/// rejected as invalid (STN5002), every binary <c>assert_malformed</c> as malformed (STN5001). What does not is listed
/// in <c>test/expectations/wasm-spec/validate.tsv</c>.
/// </summary>
[TestClass]
public sealed class SpecValidationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void SpecModulesValidateAsTheScriptsSay()
    {
        var commands = SpecScripts.Require();
        var entries = new List<Expectation>();
        int validated = 0, invalid = 0, malformed = 0, checkedCount = 0;
        foreach (var command in commands)
        {
            string? wanted = command.Type switch
            {
                "module" or "assert_unlinkable" or "assert_uninstantiable" or "assert_trap" or "assert_exhaustion" => null,
                "assert_invalid" => WasmDiagnosticCodes.Invalid,
                "assert_malformed" => WasmDiagnosticCodes.Malformed,
                _ => "skip",
            };
            if (wanted == "skip") continue;
            checkedCount++;
            Diagnostic? got = null;
            try
            {
                WasmLoader.Load(File.ReadAllBytes(command.WasmPath), Path.GetFileName(command.WasmPath));
            }
            catch (DiagnosticException e)
            {
                got = e.Diagnostic;
            }
            catch (Exception e)
            {
                entries.Add(Expectation.Of(command.Key, "crashed", $"{command.Type}: {e.GetType().Name}: {e.Message}"));
                continue;
            }
            if (wanted is null)
            {
                if (got is null) validated++;
                else entries.Add(Expectation.Of(command.Key, "rejected", $"valid module: {Stable(got)}"));
            }
            else if (got is null) entries.Add(Expectation.Of(command.Key, "accepted", $"{command.Type} `{command.Text}`"));
            else if (got.Code != wanted) entries.Add(Expectation.Of(command.Key, "wrong-class", $"{command.Type} `{command.Text}`: {Stable(got)}"));
            else if (wanted == WasmDiagnosticCodes.Invalid) invalid++;
            else malformed++;
        }
        TestContext.WriteLine($"{checkedCount} commands: {validated} modules validated, {invalid} invalid rejected, {malformed} malformed rejected, {entries.Count} listed");
        Assert.IsGreaterThan(900, validated, "the corpus validated too few modules");
        ExpectationsFile.Check("wasm-spec/validate.tsv", entries,
            "wasm-spec: binary modules whose verdict differs from the script's (module valid, assert_invalid STN5002, assert_malformed STN5001).");
    }

    /// <summary>The diagnostic without its offset, so the listed reason stays stable when unrelated bytes move.</summary>
    private static string Stable(Diagnostic d)
    {
        int at = d.Message.LastIndexOf(" at offset ", StringComparison.Ordinal);
        return $"{d.Code} {(at > 0 ? d.Message[..at] : d.Message)}";
    }
}
