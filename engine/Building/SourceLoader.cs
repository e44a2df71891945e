using Stencil.Engine.Compilation;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.Building;

/// <summary>
/// Turns source files into functions in a fixed order (files by ordinal path, functions in file order), collecting
/// diagnostics instead of stopping at the first bad file. A file a <see cref="BuildManifest"/> remembers byte for
/// byte is not parsed: its functions come back with their remembered keys and parameters. A build's other files are
/// read function by function (<see cref="ChunkReader"/>), so that only functions whose text is new are parsed.
/// </summary>
public static class SourceLoader
{
    /// <summary>Reads, parses and verifies every source (tools that need every function's IR).</summary>
    public static List<SourceFunction> Load(IReadOnlyList<string> sources, List<Diagnostic> diagnostics)
    {
        var files = SourceFile.ReadAll(NormalizePaths(sources), diagnostics, new ParallelOptions());
        return Load(files, null, null, null, diagnostics, new ParallelOptions(), out _);
    }

    /// <summary>Full paths, each once, in ordinal order: the order of functions in the object.</summary>
    public static string[] NormalizePaths(IReadOnlyList<string> sources) =>
        sources.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The functions of <paramref name="files"/> (null slots were unreadable and are skipped), files (or their chunks)
    /// worked on in parallel; <paramref name="manifest"/>, when given, spares reading the files and functions it remembers.
    /// </summary>
    /// <param name="keys">
    /// When given, files are read by chunks and the functions parsed that way come with their keys, computed here
    /// because textual copies share them; when null, every file is parsed whole and the compiler keys the functions.
    /// </param>
    /// <param name="settings">
    /// When given, the <c>set</c> and <c>target</c> lines of every file read are checked against the build's. A file the
    /// manifest remembers whole is not read, and need not be: it was checked when it was read, by a build with these very
    /// settings and target, since the manifest is stored only by a build that succeeded and is found by
    /// <see cref="BuildManifest.IdFor"/> over the <see cref="KeyContext"/>, which holds the triple and every flag. A file
    /// read by chunks has its header read on every build (<see cref="ChunkedFile.Preamble"/>), remembered chunks or not;
    /// and a chunk's digest covers the header's <c>set</c> and <c>target</c> lines (<see cref="ChunkHasher"/>), so what a
    /// manifest remembers for a chunk was learned under the same lines.
    /// </param>
    public static List<SourceFunction> Load(IReadOnlyList<SourceFile?> files, BuildManifest? manifest, KeyContext? keys, SourceSettingsCheck? settings,
        List<Diagnostic> diagnostics, ParallelOptions options, out SourceLoadCounts counts)
    {
        var perFile = new (List<ModuleFunction> Functions, List<Diagnostic> Diagnostics)[files.Count];
        var toRead = new List<int>();
        int rememberedFiles = 0;
        for (int i = 0; i < files.Count; i++)
        {
            if (files[i] is not { } file) perFile[i] = ([], []);
            else if (manifest is not null && manifest.TryFind(file.Path, file.Digest, out var source))
            {
                perFile[i] = (Remember(file, source), []);
                rememberedFiles++;
            }
            else toRead.Add(i);
        }
        // WebAssembly modules are binary: never read by CLIF chunks (the manifest knows their functions by translation
        // digest instead), and they have no header lines to check.
        var wasm = toRead.Where(i => files[i]!.IsWasm).ToList();
        toRead.RemoveAll(i => files[i]!.IsWasm);
        var chunked = keys is null ? null : ChunkReader.ReadAll([.. toRead.Select(i => files[i]!)], manifest, keys, options);
        Parallel.For(0, toRead.Count, options, j =>
        {
            var file = files[toRead[j]]!;
            var (functions, fileDiagnostics) = chunked?.Files[j] is { } read ? (read, []) : Read(file);
            if (settings is not null) CheckSettings(file, settings, chunked?.Preambles[j], fileDiagnostics);
            perFile[toRead[j]] = (functions, fileDiagnostics);
        });
        Parallel.ForEach(wasm, options, i => perFile[i] = WasmSource.Read(files[i]!, manifest, options.MaxDegreeOfParallelism));
        counts = new SourceLoadCounts(rememberedFiles, chunked?.Parsed ?? 0, chunked?.Remembered ?? 0, chunked?.Shared ?? 0);

        var result = new List<SourceFunction>();
        var symbols = new Dictionary<string, ModuleFunction>(StringComparer.Ordinal);
        for (int fileIndex = 0; fileIndex < files.Count; fileIndex++)
        {
            var (functions, fileDiagnostics) = perFile[fileIndex];
            diagnostics.AddRange(fileDiagnostics);
            for (int i = 0; i < functions.Count; i++)
            {
                var f = functions[i];
                if (symbols.TryGetValue(f.DisplayName, out var first))
                {
                    diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.DuplicateSymbol,
                        $"function `{f.DisplayName}` is defined more than once (first at {new ClifLocation(first.File, first.Line, first.Column)})",
                        f.File, f.Line, f.Column));
                    continue;
                }
                symbols.Add(f.DisplayName, f);
                result.Add(new SourceFunction(f, fileIndex, i));
            }
        }
        return result;
    }

    /// <summary>Checks the file's header lines, before its other diagnostics since they stand above them.</summary>
    private static void CheckSettings(SourceFile file, SourceSettingsCheck settings, ClifPreamble? preamble, List<Diagnostic> diagnostics)
    {
        IReadOnlyList<ClifSetting> items;
        IReadOnlyList<ClifTarget> targets;
        if (preamble is not null) (items, targets) = (preamble.Settings, preamble.Targets);
        else
        {
            // Header lines that did not read by themselves: the whole parse, which has been tried already, reports them.
            try { (items, targets) = (file.Parsed.Settings, file.Parsed.Targets); }
            catch (DiagnosticException) { return; }
        }
        var found = new List<Diagnostic>();
        settings.Check(items, targets, file.Path, found);
        diagnostics.InsertRange(0, found);
    }

    /// <summary>Parses and verifies one file; its verified functions, or none and the first parse error.</summary>
    private static (List<ModuleFunction>, List<Diagnostic>) Read(SourceFile file)
    {
        var functions = new List<ModuleFunction>();
        var diagnostics = new List<Diagnostic>();
        ClifFile parsed;
        try
        {
            parsed = file.Parsed;
        }
        catch (DiagnosticException e)
        {
            diagnostics.Add(e.Diagnostic.File is null ? e.Diagnostic with { File = file.Path } : e.Diagnostic);
            return (functions, diagnostics);
        }
        foreach (var cf in parsed.Functions)
        {
            var verify = Verifier.Verify(cf.Function, cf.PositionOf, file.Path);
            if (verify.Count > 0)
            {
                diagnostics.AddRange(verify.Select(d => d.Line > 0 ? d : d with { Line = cf.Location.Line, Column = cf.Location.Column }));
                continue;
            }
            functions.Add(new ModuleFunction(cf.Function, file.Path, cf.Location.Line, cf.Location.Column));
        }
        return (functions, diagnostics);
    }

    /// <summary>The functions of a file whose bytes a manifest remembers: nothing is parsed unless later needed.</summary>
    private static List<ModuleFunction> Remember(SourceFile file, ManifestSource remembered)
    {
        var functions = new List<ModuleFunction>(remembered.Functions.Count);
        for (int i = 0; i < remembered.Functions.Count; i++)
        {
            var r = remembered.Functions[i];
            int index = i;
            // The chunk digest goes on into the next manifest, where the file's next edit looks its functions up by it.
            Func<Ir.Function> load = file.IsWasm ? () => WasmSource.ReadAgain(file, index) : () => ReadAgain(file, index);
            functions.Add(new ModuleFunction(r.Key, r.Params, load, file.Path, r.Line, r.Column) { ChunkDigest = r.ChunkDigest });
        }
        return functions;
    }

    /// <summary>
    /// The IR of function <paramref name="index"/> of a remembered file, when its code is needed after all. The file's
    /// bytes are the ones the manifest was made from, and those parsed and verified cleanly then; a file that now
    /// disagrees means the manifest was wrong, which the caller reports instead of using it.
    /// </summary>
    private static Ir.Function ReadAgain(SourceFile file, int index)
    {
        IReadOnlyList<ClifFunction> functions;
        try
        {
            functions = file.Parsed.Functions;
        }
        catch (DiagnosticException e)
        {
            throw new StaleManifestException($"the build manifest remembers this file as read before, but it does not read: {e.Diagnostic.Message}", file.Path,
                e.Diagnostic.Line, e.Diagnostic.Column);
        }
        if (index >= functions.Count)
            throw new StaleManifestException($"the build manifest remembers {index + 1} or more functions in this file but it has {functions.Count}", file.Path);
        return functions[index].Function;
    }
}
