using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.FileTests;

/// <summary>
/// Runs CLIF file tests. <c>test run</c> executes every <c>; run:</c> directive natively when the host (x86_64)
/// is one of the file's targets or the file names none; <c>test interpret</c> executes them in the interpreter.
/// A file with both runs each directive both ways, and each way counts as one outcome. <c>test optimize</c> and
/// <c>test compile</c> check each function's output against the expected text after it (<see cref="OutputTestRunner"/>).
/// </summary>
public static class FileTestRunner
{
    public const string HostArchitecture = "x86_64";

    public static FileTestResult RunFile(string path, FileTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new FileTestOptions();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileTestResult(path, [], $"cannot read the file: {e.Message}", null, []);
        }
        return RunText(text, path, options);
    }

    /// <summary>Runs the tests of CLIF <paramref name="text"/>; <paramref name="path"/> names it in results.</summary>
    public static FileTestResult RunText(string text, string path, FileTestOptions? options = null)
    {
        options ??= new FileTestOptions();
        ClifFile file;
        try
        {
            file = ClifReader.ParseFile(text, path);
        }
        catch (DiagnosticException e)
        {
            return new FileTestResult(path, [], e.Diagnostic.ToString(), null, []);
        }
        var results = new List<DirectiveResult>();
        var notes = new List<string>();
        try
        {
            var directives = RunDirectives(file);
            bool run = file.TestCommands.Any(c => c.Name == "run");
            bool interpret = options.InterpretEveryFile || file.TestCommands.Any(c => c.Name == "interpret");
            if (run && options.Native && directives.Count > 0)
            {
                if (options.Target is { } target)
                {
                    if (TryFindTarget(file, target, out var flags)) ObjectFileRunner.Run(file, directives, options, target, flags, results);
                    else notes.Add(Linking.SystemLinker.IsHost(target)
                        ? $"test run skipped: the host ({HostArchitecture}) is not among the file's targets"
                        : $"test run skipped: {target.ArchitectureName} is not among the file's targets");
                }
                else if (HostIsTarget(file)) NativeFileRunner.Run(file, directives, options, results);
                else notes.Add($"test run skipped: the host ({HostArchitecture}) is not among the file's targets");
            }
            if (interpret && options.Interpret && directives.Count > 0)
            {
                // Compiling optimizes functions in place: the interpreter gets the functions as written.
                if (run && options.Native) (file, directives) = Reparse(text, path);
                InterpretFileRunner.Run(file, directives, results);
            }
            var outputs = file.TestCommands.Select(c => c.Name switch { "optimize" => FileTestMode.Optimize, "compile" => FileTestMode.Compile, _ => (FileTestMode?)null })
                .OfType<FileTestMode>().Distinct().ToList();
            if (outputs.Count > 1) return new FileTestResult(path, results, "`test optimize` and `test compile` cannot share a file: both expect their output after each function", null, notes);
            if (outputs.Count == 1)
            {
                // Output tests change the functions in place; run directives get the file as written.
                var (own, _) = Reparse(text, path);
                OutputTestRunner.Run(text, path, own, outputs[0], options, results, notes);
            }
            if (!run && !interpret && outputs.Count == 0) notes.Add("no `test run`, `test interpret`, `test optimize` or `test compile` command");
            return new FileTestResult(path, results, null, null, notes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new FileTestResult(path, results, null, $"{e.GetType().Name}: {e.Message}", notes);
        }
    }

    private static (ClifFile File, List<(ClifDirective, ClifFunction)> Directives) Reparse(string text, string path)
    {
        var file = ClifReader.ParseFile(text, path);
        return (file, RunDirectives(file));
    }

    private static List<(ClifDirective, ClifFunction)> RunDirectives(ClifFile file) =>
        file.Functions.SelectMany(f => f.Directives.Where(d => d.Kind == "run").Select(d => (d, f))).ToList();

    /// <summary>Runs every file named, and every <c>*.clif</c> under each directory named, in ordinal path order.</summary>
    public static FileTestSummary RunPaths(IEnumerable<string> paths, FileTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = ExpandPaths(paths);
        var results = new FileTestResult[files.Count];
        // Object runs are separate processes and may overlap; the JIT's forked calls share one buffer.
        if (options?.Target is not null && options.Parallelism > 1)
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, i => results[i] = RunFile(files[i], options));
        else
            for (int i = 0; i < files.Count; i++) results[i] = RunFile(files[i], options);
        return new FileTestSummary(results);
    }

    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.clif", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                files.AddRange(found);
            }
            else files.Add(path);
        }
        return files;
    }

    /// <summary>The <c>target</c> line of <paramref name="file"/> that <paramref name="target"/> runs it under: the
    /// first naming its architecture without flags, else the first naming it (its flags then apply); a file naming no
    /// target runs on the host only.</summary>
    public static bool TryFindTarget(ClifFile file, TargetTriple target, out IReadOnlyList<ClifSetting> flags)
    {
        flags = [];
        if (file.Targets.Count == 0) return Linking.SystemLinker.IsHost(target);
        var lines = file.Targets.Where(t => t.Triple.Split('-')[0] == target.ArchitectureName).ToList();
        if (lines.Count == 0) return false;
        // On the host, as in the JIT, the host's own flags compile; elsewhere the line's flags say what the CPU has.
        if (!Linking.SystemLinker.IsHost(target)) flags = (lines.FirstOrDefault(t => t.Flags.Count == 0) ?? lines[0]).Flags;
        return true;
    }

    /// <summary>Only the architecture of a <c>target</c> line matters: the host's own flags are used to compile.</summary>
    public static bool HostIsTarget(ClifFile file) =>
        file.Targets.Count == 0 || file.Targets.Any(t => t.Triple.Split('-')[0] == HostArchitecture);
}
