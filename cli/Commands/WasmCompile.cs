using Stencil.Cli.Output;
using Stencil.Engine.Building;
using Stencil.Engine.Wasm;
using Stencil.Ir.Diagnostics;

namespace Stencil.Cli.Commands;

/// <summary>
/// <c>stencil compile MODULE.wasm [-o out.o]</c>: decode, validate, translate and compile every function of one
/// WebAssembly module into an object (symbols named by <c>WasmSymbols</c> after the file's name), through the cache
/// when <c>--cache</c> names one. <c>opt_level</c> is <c>speed</c> unless <c>--set</c> says otherwise.
/// </summary>
internal static class WasmCompile
{
    public static bool IsWasm(string path) => path.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase);

    public static int Execute(CliConsole console, CompileOptions options)
    {
        if (options.Sources.Count != 1)
        {
            ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.InvalidParameter,
                "a WebAssembly module is compiled on its own: give exactly one .wasm file"));
            return CliExitCodes.UsageError;
        }
        var source = options.Sources[0];
        var settings = options.Settings.Any(s => s.TrimStart().StartsWith("opt_level", StringComparison.Ordinal))
            ? options.Settings : [.. options.Settings, "opt_level=speed"];
        var isa = TargetSelection.Resolve(options.Target, settings);
        var objectPath = Path.GetFullPath(options.Output ?? Path.ChangeExtension(source, ".o"));
        var name = ModuleName(source);
        var started = DateTime.UtcNow;
        var bytes = File.ReadAllBytes(source);

        var openFailed = false;
        using var database = options.CachePath is null ? null : CompileCommand.OpenCache(console, options.CachePath, options.Verbose, out openFailed);
        if (openFailed) return CliExitCodes.EnvironmentError;
        var compilation = WasmCompiler.Compile(bytes, Path.GetFileName(source), name, new WasmCompileOptions
        {
            Settings = isa.Flags, Triple = isa.Triple, Cache = database, VerifyCacheHits = options.VerifyCache,
        });
        var diagnostics = compilation.Diagnostics.ToList();
        var objectBytes = WasmCompiler.CompileObject(compilation, diagnostics);
        if (objectBytes is not null)
        {
            try { ObjectFileWriter.WriteAtomically(objectPath, objectBytes); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.ObjectWrite, $"cannot write '{objectPath}': {e.Message}"));
                objectBytes = null;
            }
        }
        ConsoleDiagnostics.WriteAll(console.Error, diagnostics, options.Verbose);
        if (database is not null)
        {
            var stats = compilation.Stats;
            database.Commit(new CacheDb.BuildRecord(name, started, DateTime.UtcNow, stats.Functions, stats.Cached, stats.Compiled,
                stats.Deduplicated, compilation.ElapsedMs));
        }
        if (objectBytes is null)
            return diagnostics.Any(d => d.Code is BuildDiagnosticCodes.ObjectWrite or BuildDiagnosticCodes.InternalCompilerError)
                ? CliExitCodes.EnvironmentError : CliExitCodes.InputError;
        console.Out.WriteLine(compilation.FormatSummary(name));
        return CliExitCodes.Success;
    }

    /// <summary>The name symbols are mangled from: the file's name without its extension.</summary>
    public static string ModuleName(string path) => Path.GetFileNameWithoutExtension(path);
}
