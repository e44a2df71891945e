using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class ConformanceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void EveryConformanceFileParses()
    {
        var folder = ConformanceFolder.Find();
        if (folder is null) { TestContext.WriteLine("conformance folder absent: skipped"); return; }
        var tiers = ConformanceFolder.Tiers(folder);
        int parsed = 0, total = 0;
        var failures = new List<string>();
        foreach (var path in Directory.GetFiles(folder, "*.clif").Order(StringComparer.Ordinal))
        {
            total++;
            var name = Path.GetFileName(path);
            try
            {
                ClifReader.ParseFile(File.ReadAllText(path), name);
                parsed++;
            }
            catch (DiagnosticException e)
            {
                failures.Add($"[{tiers.GetValueOrDefault(name, "?")}] {e.Diagnostic}");
            }
        }
        TestContext.WriteLine($"{parsed} of {total} conformance files parse");
        Assert.IsGreaterThan(0, total);
        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    public void EveryParsedConformanceFunctionRoundTrips()
    {
        var folder = ConformanceFolder.Find();
        if (folder is null) { TestContext.WriteLine("conformance folder absent: skipped"); return; }
        int functions = 0;
        var failures = new List<string>();
        foreach (var path in Directory.GetFiles(folder, "*.clif").Order(StringComparer.Ordinal))
        {
            ClifFile file;
            try { file = ClifReader.ParseFile(File.ReadAllText(path), Path.GetFileName(path)); }
            catch (DiagnosticException) { continue; }
            foreach (var f in file.Functions)
            {
                functions++;
                var once = ClifWriter.Write(f.Function);
                string twice;
                try { twice = ClifWriter.Write(ClifReader.ParseFunction(once, "written.clif")); }
                catch (DiagnosticException e) { failures.Add($"{Path.GetFileName(path)} {f.Function.Name}: {e.Diagnostic}\n{once}"); continue; }
                if (once != twice) failures.Add($"{Path.GetFileName(path)} {f.Function.Name}:\n{once}\n---\n{twice}");
            }
        }
        TestContext.WriteLine($"{functions} functions round-tripped, {failures.Count} failed");
        Assert.IsGreaterThan(0, functions);
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(3)));
    }
}
