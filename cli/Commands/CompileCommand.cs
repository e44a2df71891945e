using System.CommandLine;
using Stencil.CacheDb;
using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.Ir.Diagnostics;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil compile FILE.clif... [-o out.o] [--target TRIPLE] [--set name=value]... [--cache DBFILE] [--verify-cache]</c>:
/// the same build the MSBuild task runs, from a shell, with the sources' own <c>set</c> and <c>target</c> lines honoured
/// (<see cref="SourceSettings"/>). The summary line goes to stdout, diagnostics to stderr.
/// </summary>
public static class CompileCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "CLIF source files, or one WebAssembly module (.wasm).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "The object file to write (default: the first source with .o).", HelpName = "FILE" };
        var target = CommonSymbols.Target();
        var settings = CommonSymbols.Settings();
        var cache = new Option<string?>("--cache") { Description = "A cache database to reuse compiled functions from (created when missing).", HelpName = "DBFILE" };
        var verifyCache = new Option<bool>("--verify-cache") { Description = "Recompile every cache hit and fail when the cached code differs." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the details of internal errors (their stack traces)." };
        var command = new Command("compile", "Compile CLIF sources into one relocatable object file.")
        {
            files, output, target, settings, cache, verifyCache, verbose,
        };
        command.SetAction(parse => Execute(console, new CompileOptions(
            parse.GetValue(files) ?? [],
            parse.GetValue(output),
            parse.GetValue(target),
            parse.GetValue(settings) ?? [],
            parse.GetValue(cache),
            parse.GetValue(verifyCache),
            parse.GetValue(verbose))));
        return command;
    }

    private static int Execute(CliConsole console, CompileOptions options)
    {
        if (!SourceFiles.AllExist(console, options.Sources)) return CliExitCodes.InputError;
        if (options.Sources.Any(WasmCompile.IsWasm)) return WasmCompile.Execute(console, options);
        var isa = TargetSelection.Resolve(options.Target, options.Settings);
        var fileDiagnostics = new List<Diagnostic>();
        var settings = SourceSettings.TryMerge(SourceLoader.NormalizePaths(options.Sources), isa.Triple, options.Settings, fileDiagnostics);
        if (settings is null)
        {
            ConsoleDiagnostics.WriteAll(console.Error, fileDiagnostics);
            return CliExitCodes.InputError;
        }

        var sources = options.Sources.Select(Path.GetFullPath).ToList();
        var objectPath = Path.GetFullPath(options.Output ?? Path.ChangeExtension(options.Sources[0], ".o"));
        var projectName = Path.GetFileNameWithoutExtension(options.Sources[0]);
        var started = DateTime.UtcNow;

        var openFailed = false;
        using var database = options.CachePath is null ? null : OpenCache(console, options.CachePath, options.Verbose, out openFailed);
        if (openFailed) return CliExitCodes.EnvironmentError;
        var request = new ProjectBuildRequest(projectName, sources, objectPath)
        {
            Triple = string.IsNullOrWhiteSpace(options.Target) ? TargetSelection.DefaultTriple : options.Target,
            Settings = settings,
            SettingsOrigin = "the command line and the other sources",
            Cache = database,
            VerifyCacheHits = options.VerifyCache,
        };
        var result = ProjectBuilder.Build(request, CancellationToken.None);
        ConsoleDiagnostics.WriteAll(console.Error, result.Diagnostics, options.Verbose);

        // Like the MSBuild task, a failed build still keeps what it compiled: those functions were valid.
        if (database is not null)
        {
            var record = new BuildRecord(projectName, started, DateTime.UtcNow, result.Functions, result.Cached,
                result.Compiled, result.Deduplicated, result.ElapsedMs);
            // After a bug in the cache (error STN9002, already reported) the cache declines to write; that is no news.
            if (!database.Commit(record) && !result.Diagnostics.Any(d => d.Code == BuildDiagnosticCodes.CacheInternalError))
                ConsoleDiagnostics.Warning(console.Error, BuildDiagnosticCodes.CacheWarning, $"the cache '{options.CachePath}' could not record this build");
        }

        if (result.Succeeded)
        {
            console.Out.WriteLine(result.FormatSummary(projectName));
            return CliExitCodes.Success;
        }
        return ExitCodeFor(console, result, objectPath);
    }

    /// <summary>A build without a cache is still a build: every problem with its file is a warning. A bug is not.</summary>
    internal static CacheDatabase? OpenCache(CliConsole console, string path, bool verbose, out bool failed)
    {
        failed = false;
        var warned = false;
        CacheDatabase? database;
        try
        {
            database = CacheDatabase.TryOpen(Path.GetFullPath(path), warning =>
            {
                warned = true;
                ConsoleDiagnostics.Warning(console.Error, BuildDiagnosticCodes.CacheWarning, warning);
            });
        }
        catch (Exception e)
        {
            ConsoleDiagnostics.WriteAll(console.Error, [InternalErrors.InCache(e)], verbose);
            failed = true;
            return null;
        }
        if (database is null && !warned)
            ConsoleDiagnostics.Warning(console.Error, BuildDiagnosticCodes.CacheWarning, $"the cache '{path}' could not be opened; building without it");
        database?.BeginBuild();
        return database;
    }

    /// <summary>Mistakes in the sources are input errors; failing to write the object or a cache that returns wrong
    /// code are the environment's. When both kinds occur, the input errors decide.</summary>
    private static int ExitCodeFor(CliConsole console, ProjectBuildResult result, string objectPath)
    {
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.Internal, $"no object was written to '{objectPath}'"));
            return CliExitCodes.EnvironmentError;
        }
        return errors.All(d => EnvironmentCodes.Contains(d.Code)) ? CliExitCodes.EnvironmentError : CliExitCodes.InputError;
    }

    private static readonly HashSet<string> EnvironmentCodes = new(StringComparer.Ordinal)
    {
        BuildDiagnosticCodes.CacheWarning, BuildDiagnosticCodes.ObjectWrite, BuildDiagnosticCodes.CacheMismatch, BuildDiagnosticCodes.Internal,
        BuildDiagnosticCodes.InternalCompilerError, BuildDiagnosticCodes.CacheInternalError,
    };
}
