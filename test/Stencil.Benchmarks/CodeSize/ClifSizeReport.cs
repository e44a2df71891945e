using System.Globalization;
using System.Text.Json;
using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;
using Stencil.Isa;

namespace Stencil.Benchmarks.CodeSize;

/// <summary>
/// <c>dotnet run -c Release --project test/Stencil.Benchmarks -- clif-size [--json] [--rows] [--corpus DIR]</c>: Stencil's and
/// Cranelift's x64 code size, function by function, over Cranelift's <c>test compile precise-output</c> files
/// (<c>../shared/conformance/cranelift-x64-compile</c>). Every function Stencil compiles with its file's <c>set</c> lines and target features is
/// compared with Cranelift's listing of the same function (<see cref="CraneliftListing"/>). "clean" functions come from
/// files whose target names no CPU feature (both compilers then emit baseline code); "featured" ones name features
/// (<c>target x86_64 sse41 has_popcnt</c>), which both compilers then use; a file naming a feature Stencil refuses
/// (has_avx, has_bmi2, ...) counts as refused. "body" ratios set aside the <c>movq %rbp, %rsp</c> Cranelift emits before every
/// <c>popq %rbp</c>, which Stencil's epilogue does without. Needs GNU <c>as</c> and <c>nm</c> (binutils).
/// </summary>
public static class ClifSizeReport
{
    private sealed record Row(string File, string Function, bool Featured, OptLevel Level, int Stencil, int Cranelift, int CraneliftBody);

    public static int Run(string[] args, TextWriter output)
    {
        bool json = args.Contains("--json");
        bool allRows = args.Contains("--rows");
        int corpusAt = Array.IndexOf(args, "--corpus");
        var corpus = corpusAt >= 0 && corpusAt + 1 < args.Length ? args[corpusAt + 1] : FindCorpus();
        if (corpus is null || !Directory.Exists(corpus))
        {
            Console.Error.WriteLine("clif-size: no corpus; pass --corpus DIR (the cranelift-x64-compile folder of ../shared/conformance)");
            return 2;
        }
        var rows = new List<Row>();
        int functions = 0, notCompiled = 0, notMeasured = 0, refusedFiles = 0;
        var scratch = Directory.CreateTempSubdirectory("stencil-clif-size-").FullName;
        try
        {
            foreach (var path in Directory.EnumerateFiles(corpus, "*.clif").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                ClifFile file;
                try { file = ClifReader.ParseFile(File.ReadAllText(path), name); }
                catch (DiagnosticException) { refusedFiles++; continue; }
                if (!file.TestCommands.Any(t => t.Name == "compile" && t.Options.Contains("precise-output"))) continue;
                if (!TryIsa(file, out var isa)) { refusedFiles++; functions += file.Functions.Count; continue; }
                bool featured = file.Targets.Any(t => t.Flags.Count > 0);
                var context = new Context(isa);
                var measured = new List<(ClifFunction F, int Size, CraneliftListing Listing)>();
                foreach (var f in file.Functions)
                {
                    functions++;
                    var listing = CraneliftListing.FromComments(f.Comments.Select(c => c.Text));
                    if (listing is null || Verifier.Verify(f.Function, f.PositionOf, f.Location.File).Count > 0) { notCompiled++; continue; }
                    try { measured.Add((f, context.Compile(f.Function.Stencil, f.Function.Name.SymbolName).Code.Length, listing)); }
                    catch (DiagnosticException) { notCompiled++; }
                }
                if (measured.Count == 0) continue;
                var sizes = CraneliftListing.Measure([.. measured.Select(m => m.Listing)], scratch);
                for (int i = 0; i < measured.Count; i++)
                {
                    if (sizes[i] is not { } cl) { notMeasured++; continue; }
                    var (f, size, listing) = measured[i];
                    rows.Add(new Row(name, f.Function.Name.SymbolName, featured, isa.Flags.OptLevel, size, cl, cl - 3 * listing.RedundantEpilogueMoves));
                }
            }
        }
        finally { Directory.Delete(scratch, recursive: true); }

        var subsets = new (string Name, Func<Row, bool> In, bool Body)[]
        {
            ("clean", r => !r.Featured, false),
            ("clean, none", r => !r.Featured && r.Level == OptLevel.None, false),
            ("clean, speed", r => !r.Featured && r.Level == OptLevel.Speed, false),
            ("clean body", r => !r.Featured, true),
            ("clean body, none", r => !r.Featured && r.Level == OptLevel.None, true),
            ("clean body, speed", r => !r.Featured && r.Level == OptLevel.Speed, true),
            ("featured target", r => r.Featured, false),
            ("all", _ => true, false),
        };
        var stats = subsets.Select(s => Stats(s.Name, rows.Where(s.In).ToList(), s.Body)).ToList();
        var worst = rows.Where(r => !r.Featured).OrderByDescending(r => (double)r.Stencil / r.CraneliftBody).Take(15).ToList();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                functions, compared = rows.Count, not_compiled = notCompiled, not_measured = notMeasured, refused_files = refusedFiles,
                subsets = stats.Select(s => new { s.Name, s.Count, s.Geomean, s.Median, s.Min, s.Max, s.SumRatio }),
                worst = worst.Select(r => new { r.File, r.Function, level = r.Level.ToString(), stencil = r.Stencil, cranelift_body = r.CraneliftBody }),
            }));
            return 0;
        }
        if (allRows)
        {
            // Every compared function, tab-separated, for finding where the bytes go.
            output.WriteLine("file\tfunction\topt\tfeatured\tstencil\tcranelift\tcranelift_body");
            foreach (var r in rows)
                output.WriteLine($"{r.File}\t%{r.Function}\t{r.Level.ToString().ToLowerInvariant()}\t{r.Featured}\t{r.Stencil}\t{r.Cranelift}\t{r.CraneliftBody}");
            output.WriteLine();
        }
        output.WriteLine($"{functions} functions in the precise-output files; {rows.Count} compared, {notCompiled} not compiled by Stencil, " +
                         $"{notMeasured} not measurable in Cranelift's listing, {refusedFiles} files refused (settings or parse)");
        output.WriteLine();
        output.WriteLine("| subset | functions | geomean St/CL | median | min | max | sum St / sum CL |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in stats)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Count} | {s.Geomean:0.000} | {s.Median:0.000} | {s.Min:0.00} | {s.Max:0.00} | {s.SumRatio:0.000} |"));
        output.WriteLine();
        output.WriteLine("Largest ratios (clean, body):");
        output.WriteLine();
        output.WriteLine("| file | function | opt | Stencil | Cranelift body | ratio |");
        output.WriteLine("|---|---|---|---:|---:|---:|");
        foreach (var r in worst)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.File} | %{r.Function} | {r.Level.ToString().ToLowerInvariant()} | {r.Stencil} | {r.CraneliftBody} | {(double)r.Stencil / r.CraneliftBody:0.00} |"));
        return 0;
    }

    private sealed record SubsetStats(string Name, int Count, double Geomean, double Median, double Min, double Max, double SumRatio);

    private static SubsetStats Stats(string name, List<Row> rows, bool body)
    {
        if (rows.Count == 0) return new(name, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var ratios = rows.Select(r => (double)r.Stencil / (body ? r.CraneliftBody : r.Cranelift)).Order().ToList();
        double geomean = Math.Exp(ratios.Average(Math.Log));
        double median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
        double sum = (double)rows.Sum(r => (long)r.Stencil) / rows.Sum(r => (long)(body ? r.CraneliftBody : r.Cranelift));
        return new(name, rows.Count, geomean, median, ratios[0], ratios[^1], sum);
    }

    private static bool TryIsa(ClifFile file, out TargetIsa isa)
    {
        isa = null!;
        var flags = IsaFlags.Default;
        // The target line's CPU features (`target x86_64 sse41 has_popcnt`) are settings too, applied after the set lines.
        var target = file.Targets.FirstOrDefault(t => t.Triple.Split('-')[0] == "x86_64");
        foreach (var s in file.Settings.Concat(target?.Flags ?? []))
            if (!flags.TrySet(s.Name, s.Value, out flags, out _)) return false;
        return IsaRegistry.TryLookup(TargetTriple.X86_64Linux, flags, out isa, out _);
    }

    /// <summary><c>../shared/conformance/cranelift-x64-compile</c> beside the folder holding Build.sln, found upwards from here.</summary>
    private static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Build.sln")))
                return Environment.GetEnvironmentVariable("STENCIL_SHARED") is { } shared
                    ? Path.Combine(shared, "conformance", "cranelift-x64-compile")
                    : Path.Combine(dir.FullName, "..", "shared", "conformance", "cranelift-x64-compile");
        return null;
    }
}
