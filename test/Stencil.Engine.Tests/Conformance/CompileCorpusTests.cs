using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Engine.FileTests;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.Tests.Conformance;

/// <summary>
/// Cranelift's x64 <c>test compile precise-output</c> files (<c>../shared/conformance/cranelift-x64-compile</c>). Their
/// expected output is Cranelift's machine code, not ours, so only compiling is checked: every function compiles with
/// its file's <c>set</c> lines (as <c>stencil test</c> compiles it) or is listed, with its diagnostic, in
/// <c>test/expectations/cranelift-x64-compile/compile.tsv</c>. An exception is listed as the internal error (STN9001) a
/// build reports for it; a file whose <c>set</c> line Stencil refuses (STN4004) is listed once, as refused.
/// </summary>
[TestClass]
public sealed class CompileCorpusTests
{
    private const string Corpus = "cranelift-x64-compile";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void CraneliftX64CompileTestsCompile()
    {
        var folder = SharedCorpus.Require(Corpus);
        var entries = new List<Expectation>();
        int compiled = 0, functions = 0;
        foreach (var path in FileTestRunner.ExpandPaths([folder]))
        {
            var name = RunExpectations.Relative(folder, path);
            ClifFile file;
            try { file = ClifReader.ParseFile(File.ReadAllText(path), name); }
            catch (DiagnosticException e)
            {
                entries.Add(Expectation.Of(name, "does-not-parse", e.Diagnostic.ToString()));
                continue;
            }
            if (!NativeFileRunner.TryCreateIsa(file, new FileTestOptions(), out var isa, out var isaProblem))
            {
                // A set line Stencil refuses (STN4004) refuses the whole file, as `stencil test` does.
                entries.Add(Expectation.Of(name, isaProblem.Outcome == DirectiveOutcome.Unsupported ? "refused-setting" : "no-backend", isaProblem.Message));
                continue;
            }
            var context = new Context(isa);
            foreach (var f in file.Functions)
            {
                functions++;
                var key = $"{name}:{f.Location.Line}";
                var problems = Verifier.Verify(f.Function, f.PositionOf, f.Location.File);
                if (problems.Count > 0)
                {
                    entries.Add(Expectation.Of(key, "does-not-verify", $"%{f.Function.Name.SymbolName}: {problems[0].Code}: {problems[0].Message}"));
                    continue;
                }
                try
                {
                    context.Compile(f.Function.Stencil, f.Function.Name.SymbolName);
                    compiled++;
                }
                catch (DiagnosticException e)
                {
                    entries.Add(Expectation.Of(key, "refused", $"%{f.Function.Name.SymbolName}: {e.Diagnostic.Code}: {e.Diagnostic.Message}"));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A bug of ours, which a build reports as an internal error: listed so it stays visible until fixed.
                    entries.Add(Expectation.Of(key, "internal-error", $"%{f.Function.Name.SymbolName}: {BuildDiagnosticCodes.InternalCompilerError}: {e.GetType().Name}: {e.Message}"));
                }
            }
        }
        TestContext.WriteLine($"{compiled} of {functions} functions compiled");
        Assert.IsGreaterThan(0, compiled, "the corpus compiled nothing");
        foreach (var line in ExpectationsFile.Check($"{Corpus}/compile.tsv", entries,
                     $"{Corpus}: the functions that do not compile through Stencil, with the file's set lines."))
            TestContext.WriteLine("blessed: " + line);
    }
}
