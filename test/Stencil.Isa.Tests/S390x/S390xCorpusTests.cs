using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;

namespace Stencil.Isa.Tests.S390x;

/// <summary>
/// The s390x backend over Cranelift's corpora. Compile tests (<c>../shared/conformance/cranelift-s390x/compile</c>):
/// every function compiles with its file's <c>set</c> and <c>target</c> flags and its code reads back as what was
/// encoded (<see cref="S390xCompile.Listing"/>), or is listed with its reason in
/// <c>test/expectations/cranelift-s390x/compile.tsv</c> (<c>STENCIL_BLESS=1</c> rewrites it). Run tests: every function
/// of the <c>target s390x</c> files of the scalar and scalar-i128 tiers is compiled and counted (running them is the
/// qemu harness's job).
/// </summary>
[TestClass]
public sealed class S390xCorpusTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void CraneliftS390xCompileTestsCompileOrAreListed()
    {
        var folder = Path.Combine(SharedCorpus.Require("cranelift-s390x"), "compile");
        var entries = new List<Expectation>();
        int compiled = 0, functions = 0;
        foreach (var path in Directory.GetFiles(folder, "*.clif").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var (c, n) = CompileFile(path, name, entries);
            compiled += c;
            functions += n;
        }
        TestContext.WriteLine($"{compiled} of {functions} functions compiled");
        Assert.IsGreaterThan(0, compiled, "the corpus compiled nothing");
        foreach (var line in ExpectationsFile.Check("cranelift-s390x/compile.tsv", entries,
                     "cranelift-s390x: the compile-test functions the s390x backend does not compile, with the reason."))
            TestContext.WriteLine("blessed: " + line);
    }

    [TestMethod]
    public void S390xRunTestFunctionsOfTheScalarTiersCompile()
    {
        var folder = SharedCorpus.Require("cranelift-runtests");
        var tiers = new SortedDictionary<string, (int Files, int Compiled, int Functions)>(StringComparer.Ordinal);
        var failures = new List<Expectation>();
        foreach (var row in File.ReadAllLines(Path.Combine(folder, "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t')))
        {
            if (row.Length < 4 || row[1] is not ("scalar" or "scalar-i128") || !row[3].Split(',').Contains("s390x")) continue;
            var (c, n) = CompileFile(Path.Combine(folder, row[0]), row[0], failures);
            var t = tiers.GetValueOrDefault(row[1]);
            tiers[row[1]] = (t.Files + 1, t.Compiled + c, t.Functions + n);
        }
        foreach (var (tier, t) in tiers) TestContext.WriteLine($"{tier}: {t.Compiled} of {t.Functions} functions compiled in {t.Files} files");
        foreach (var f in failures.GroupBy(f => string.Join(": ", f.Reason.Split(": ").Skip(1))).OrderByDescending(g => g.Count()).Take(40))
            TestContext.WriteLine($"{f.Count(),5} {f.Key} (e.g. {f.First().Key})");
        Assert.IsTrue(tiers.TryGetValue("scalar", out var scalar) && scalar.Compiled * 10 >= scalar.Functions * 8,
            $"scalar tier: {scalar.Compiled} of {scalar.Functions} compiled");
    }

    /// <summary>Compiles one file's functions, adding an expectation for each that does not compile; returns (compiled, functions).</summary>
    private static (int Compiled, int Functions) CompileFile(string path, string name, List<Expectation> entries)
    {
        ClifFile file;
        try { file = ClifReader.ParseFile(File.ReadAllText(path), name); }
        catch (DiagnosticException e)
        {
            entries.Add(Expectation.Of(name, "does-not-parse", e.Diagnostic.ToString()));
            return (0, 0);
        }
        if (!TryIsa(file, out var isa, out var problem))
        {
            entries.Add(Expectation.Of(name, "refused-target", problem));
            return (0, 0);
        }
        int compiled = 0;
        foreach (var f in file.Functions)
        {
            var key = $"{name}:{f.Location.Line}";
            try
            {
                var code = isa.Compile(f.Function.Stencil);
                S390xCompile.Listing(code);
                compiled++;
            }
            catch (DiagnosticException e)
            {
                entries.Add(Expectation.Of(key, "refused", $"%{f.Function.Name.SymbolName}: {e.Diagnostic.Code}: {e.Diagnostic.Message}"));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                entries.Add(Expectation.Of(key, "internal-error", $"%{f.Function.Name.SymbolName}: {e.GetType().Name}: {e.Message.Split('\n')[0]}"));
            }
        }
        return (compiled, file.Functions.Count);
    }

    /// <summary>The backend for a file's <c>set</c> lines and its <c>target s390x</c> line's flags; settings Stencil accepts
    /// only at one value (<see cref="FixedSettings"/>) are checked, not passed.</summary>
    private static bool TryIsa(ClifFile file, out TargetIsa isa, out string problem)
    {
        isa = null!;
        var settings = new List<string>();
        foreach (var s in file.Settings)
        {
            if (FixedSettings.Contains(s.Name))
            {
                if (!FixedSettings.TryCheck(s.Name, s.Value, out var error)) { problem = error!; return false; }
                continue;
            }
            settings.Add(s.Value is null ? s.Name : $"{s.Name}={s.Value}");
        }
        if (!IsaFlags.TryParse(settings, out var flags, out var e)) { problem = e!; return false; }
        var target = file.Targets.FirstOrDefault(t => t.Triple.StartsWith("s390x", StringComparison.Ordinal));
        var isaFlags = target?.Flags.Select(f => f.Name).ToList() ?? [];
        if (!IsaRegistry.TryLookup(S390xCompile.Triple, flags, isaFlags, out isa, out var d)) { problem = d!.ToString(); return false; }
        problem = "";
        return true;
    }
}
