using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.FileTests;

/// <summary>
/// Output tests: <c>test optimize</c> checks each function as the mid-end leaves it (printed as CLIF),
/// <c>test compile</c> its x86-64 disassembly, against the expected output written after the function
/// (<see cref="ExpectedOutput"/>). Each function is one result. With <see cref="FileTestOptions.Bless"/>,
/// exact expectations that differ are rewritten in the file instead of failing; <c>check:</c> patterns are
/// never rewritten. The settings of the file apply (<c>set opt_level=speed</c> turns the mid-end on).
/// </summary>
internal static class OutputTestRunner
{
    public static void Run(string text, string path, ClifFile file, FileTestMode mode, FileTestOptions options,
        List<DirectiveResult> results, List<string> notes)
    {
        if (!NativeFileRunner.TryCreateIsa(file, options, out var isa, out var isaProblem))
        {
            foreach (var f in file.Functions) results.Add(Result(mode, f, isaProblem.Outcome, isaProblem.Message));
            return;
        }
        var context = new Context(isa);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var blessed = new List<(ExpectedOutput Expected, string Actual)>();
        foreach (var f in file.Functions)
        {
            var expected = ExpectedOutput.Find(lines, f);
            if (!TryProduce(context, f, mode, out var actual, out var problem))
            {
                results.Add(Result(mode, f, DirectiveOutcome.Failed, problem));
                continue;
            }
            if (expected.IsPattern)
            {
                var mismatch = FileCheck.Match(expected.Lines, actual);
                results.Add(Result(mode, f, mismatch is null ? DirectiveOutcome.Passed : DirectiveOutcome.Failed, mismatch));
                continue;
            }
            var difference = Difference(expected.Lines, actual);
            if (difference is null) results.Add(Result(mode, f, DirectiveOutcome.Passed, null));
            else if (options.Bless)
            {
                blessed.Add((expected, actual));
                results.Add(Result(mode, f, DirectiveOutcome.Passed, "expected output blessed"));
            }
            else results.Add(Result(mode, f, DirectiveOutcome.Failed, difference + " (STENCIL_BLESS=1 rewrites it)"));
        }
        if (blessed.Count > 0) notes.Add(Bless(path, lines, blessed));
    }

    /// <summary>The function's output: its optimized CLIF (verified again afterwards) or its disassembly; a
    /// backend diagnostic is output too, so a test can expect a function to be refused.</summary>
    private static bool TryProduce(Context context, ClifFunction f, FileTestMode mode, out string output, out string problem)
    {
        output = problem = "";
        var before = Verifier.Verify(f.Function, f.PositionOf, f.Location.File);
        if (before.Count > 0) { problem = "does not verify: " + before[0].Message; return false; }
        try
        {
            if (mode == FileTestMode.Optimize)
            {
                context.Optimize(f.Function.Stencil);
                var after = Verifier.Verify(f.Function);
                if (after.Count > 0) { problem = "the optimized function does not verify: " + after[0].Message + "\n" + ClifWriter.Write(f.Function); return false; }
                output = ClifWriter.Write(f.Function);
            }
            else
            {
                var code = context.Compile(f.Function.Stencil, f.Function.Name.SymbolName);
                output = context.Isa.Disassemble(code.Code, code.Relocs);
            }
        }
        catch (DiagnosticException e)
        {
            output = e.Diagnostic.ToString();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = NativeFileRunner.InternalError(e, f).Message;
            return false;
        }
        output = output.Replace("\r\n", "\n").TrimEnd('\n');
        return true;
    }

    private static string? Difference(IReadOnlyList<string> expected, string actual)
    {
        var got = actual.Split('\n');
        if (expected.Count == 0) return "no expected output is written after the function; it prints:\n" + actual;
        for (int i = 0; i < Math.Max(expected.Count, got.Length); i++)
        {
            var e = i < expected.Count ? expected[i] : "<end>";
            var g = i < got.Length ? got[i] : "<end>";
            if (e.TrimEnd() != g.TrimEnd()) return $"line {i + 1} of the output differs: expected `{e}`, got `{g}`; the output is:\n{actual}";
        }
        return null;
    }

    /// <summary>Replaces each differing expectation (or inserts one after the closing brace), bottom up so line numbers hold.</summary>
    private static string Bless(string path, string[] lines, List<(ExpectedOutput Expected, string Actual)> blessed)
    {
        if (!File.Exists(path)) return $"cannot bless {blessed.Count} function(s): {path} is not a file";
        var result = lines.ToList();
        foreach (var (expected, actual) in blessed.OrderByDescending(b => b.Expected.FirstLine))
        {
            var block = ExpectedOutput.Render(actual).ToList();
            if (expected.IsEmpty)
            {
                block.Insert(0, "");
                // Keep a blank line before what follows (run directives, the next function) so it stays apart.
                if (expected.FirstLine < result.Count && result[expected.FirstLine].Trim().Length > 0) block.Add("");
            }
            result.RemoveRange(expected.FirstLine, expected.EndLine - expected.FirstLine);
            result.InsertRange(expected.FirstLine, block);
        }
        File.WriteAllText(path, string.Join("\n", result));
        return $"blessed the expected output of {blessed.Count} function(s)";
    }

    private static DirectiveResult Result(FileTestMode mode, ClifFunction f, DirectiveOutcome outcome, string? message) =>
        new(mode, f.Location, "%" + f.Function.Name.SymbolName, outcome, message);
}
