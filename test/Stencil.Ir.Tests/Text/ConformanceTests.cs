using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

/// <summary>The reader and writer against Cranelift's run tests in <c>../shared/conformance/cranelift-runtests</c>.</summary>
[TestClass]
public sealed class ConformanceTests
{
    private const string Corpus = "cranelift-runtests";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The files that do not parse are exactly those listed in <c>test/expectations/cranelift-runtests/parse.tsv</c>.</summary>
    [TestMethod]
    public void EveryConformanceFileParses()
    {
        var folder = SharedCorpus.Require(Corpus);
        var failures = new List<Expectation>();
        var files = CorpusFiles(folder);
        foreach (var (name, text) in files)
        {
            try { ClifReader.ParseFile(text, name); }
            catch (DiagnosticException e) { failures.Add(Expectation.Of(name, "does-not-parse", e.Diagnostic.ToString())); }
        }
        TestContext.WriteLine($"{files.Count - failures.Count} of {files.Count} conformance files parse");
        Assert.IsGreaterThan(0, files.Count);
        ExpectationsFile.Check($"{Corpus}/parse.tsv", failures, $"{Corpus}: the files the CLIF reader does not parse.");
    }

    [TestMethod]
    public void EveryParsedConformanceFunctionRoundTrips()
    {
        var folder = SharedCorpus.Require(Corpus);
        int functions = 0;
        var failures = new List<string>();
        foreach (var (name, text) in CorpusFiles(folder))
        {
            ClifFile file;
            try { file = ClifReader.ParseFile(text, name); }
            catch (DiagnosticException) { continue; }
            foreach (var f in file.Functions)
            {
                functions++;
                var once = ClifWriter.Write(f.Function);
                string twice;
                try { twice = ClifWriter.Write(ClifReader.ParseFunction(once, "written.clif")); }
                catch (DiagnosticException e) { failures.Add($"{name} {f.Function.Name}: {e.Diagnostic}\n{once}"); continue; }
                if (once != twice) failures.Add($"{name} {f.Function.Name}:\n{once}\n---\n{twice}");
            }
        }
        TestContext.WriteLine($"{functions} functions round-tripped, {failures.Count} failed");
        Assert.IsGreaterThan(0, functions);
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(3)));
    }

    /// <summary>Every <c>*.clif</c> under the corpus, named by its path inside it, in ordinal order.</summary>
    internal static IReadOnlyList<(string Name, string Text)> CorpusFiles(string folder) =>
        Directory.GetFiles(folder, "*.clif", SearchOption.AllDirectories)
            .Select(p => (Path.GetRelativePath(folder, p).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(p)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
}
