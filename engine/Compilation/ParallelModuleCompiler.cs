using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Isa;

namespace Stencil.Engine.Compilation;

/// <summary>
/// Gives every function of a module its <see cref="CompiledCodeStencil"/>: keys all stencils (or takes the keys a
/// build remembered), compiles each distinct stencil once (identical ones are deduplicated), takes what the cache
/// has in one batch, compiles the rest in parallel with one <see cref="Context"/> per worker, and stores the new
/// code. The result is indexed like the input, so what follows is independent of scheduling.
/// <para>
/// A bug while compiling a function (any exception but a <see cref="DiagnosticException"/>) is an internal error at
/// that function's definition; when several functions fail, each is reported, in definition order. A bug in the cache
/// store (see <see cref="ICacheStore"/>) is an internal error that stops the compile. Neither escapes as an exception.
/// </para>
/// </summary>
public sealed class ParallelModuleCompiler(TargetIsa isa, ICacheStore? cache, int maxDegreeOfParallelism = 0)
{
    public bool VerifyCacheHits { get; init; }

    public KeyContext KeyContext { get; } = new(isa.Triple.ToString(), isa.Flags.Entries.Select(e => KeyValuePair.Create(e.Name, e.Value)).ToArray(), CompilerBuildId.Current);

    private int DegreeOfParallelism => maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;

    /// <param name="clock">When given, receives the stages "keys", "cache lookups", "compile" and "store".</param>
    public ModuleCompileResult Compile(IReadOnlyList<ModuleFunction> functions, CancellationToken ct = default, StageClock? clock = null)
    {
        int n = functions.Count;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = DegreeOfParallelism };
        var keys = new CacheKey[n];
        var keyErrors = new Diagnostic?[n];
        Parallel.For(0, n, options, i =>
        {
            try { keys[i] = functions[i].KnownKey ?? StencilEncoder.ComputeKey(functions[i].Function.Stencil, KeyContext); }
            catch (Exception e) when (e is not OperationCanceledException) { keyErrors[i] = InternalErrors.InFunction(e, functions[i]); }
        });
        clock?.Mark("keys");
        if (keyErrors.Any(e => e is not null)) return Failed(n, keys, keyErrors.OfType<Diagnostic>().ToList());

        // The first function with a key owns it; later ones reuse its code.
        var owner = new Dictionary<CacheKey, int>(n);
        var owners = new List<int>();
        int deduplicated = 0;
        for (int i = 0; i < n; i++)
        {
            if (owner.TryAdd(keys[i], i)) owners.Add(i); else deduplicated++;
        }

        var code = new CompiledCodeStencil?[n];
        var diagnostics = new List<Diagnostic>();
        var misses = new List<int>();
        var verify = new List<int>();
        if (Load(owners, keys, functions, diagnostics) is not { } hits) return Failed(n, keys, diagnostics);
        int cached = 0;
        for (int o = 0; o < owners.Count; o++)
        {
            int i = owners[o];
            if (hits[o] is { } hit) { code[i] = hit; cached++; if (VerifyCacheHits) verify.Add(i); }
            else misses.Add(i);
        }
        clock?.Mark("cache lookups");

        var fresh = new CompiledCodeStencil?[n];
        var errors = new Diagnostic?[n];
        var stale = new StaleManifestException?[n];
        var staleKeys = new CacheKey?[n];
        var toCompile = misses.Concat(verify).ToArray();
        Parallel.ForEach(toCompile, options, () => new Context(isa), (i, _, ctx) =>
        {
            try
            {
                var stencil = functions[i].Function.Stencil;
                // A remembered key is only trusted for lookups: what gets compiled and stored is keyed afresh.
                if (functions[i] is { KeyIsRemembered: true, KnownKey: { } known })
                {
                    var actual = StencilEncoder.ComputeKey(stencil, KeyContext);
                    if (actual != known) staleKeys[i] = actual;
                }
                fresh[i] = ctx.Compile(stencil, functions[i].DisplayName);
            }
            catch (DiagnosticException e) { errors[i] = Locate(e.Diagnostic, functions[i]); }
            catch (StaleManifestException e) { stale[i] = e; }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors[i] = InternalErrors.InFunction(e, functions[i]);
                // What a context holds after a failure mid-function is not to be trusted with the next one.
                return new Context(isa);
            }
            return ctx;
        }, _ => { });
        clock?.Mark("compile");
        // The first in definition order, whichever thread got there first.
        if (toCompile.Order().Select(i => stale[i]).FirstOrDefault(s => s is not null) is { } staleManifest)
            return Failed(n, keys, diagnostics) with { StaleManifest = staleManifest };

        foreach (int i in toCompile)
        {
            if (staleKeys[i] is not { } actual) continue;
            diagnostics.Add(Locate(VerifyCacheHits
                ? Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch, $"cache verification failed for `{functions[i].DisplayName}`: the build manifest remembers key {keys[i]} but its source has key {actual}")
                : Diagnostic.Warning(BuildDiagnosticCodes.CacheWarning, $"the build manifest was out of date for `{functions[i].DisplayName}`; it was compiled from its source"), functions[i]));
            keys[i] = actual;
        }
        var storeFailed = false;
        foreach (int i in misses)
        {
            if (errors[i] is { } err) { diagnostics.Add(err); continue; }
            code[i] = fresh[i];
            if (!storeFailed) storeFailed = !Store(keys[i], functions[i], fresh[i]!, diagnostics);
        }
        foreach (int i in verify)
        {
            if (errors[i] is { } err) { diagnostics.Add(err); continue; }
            if (!fresh[i]!.SameAs(code[i]!))
                diagnostics.Add(Locate(Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch,
                    $"cache verification failed for `{functions[i].DisplayName}`: the cached code for key {keys[i]} differs from a fresh compile"), functions[i]));
        }
        for (int i = 0; i < n; i++) if (code[i] is null && owner.TryGetValue(keys[i], out var o) && o != i) code[i] = code[o];
        clock?.Mark("store");

        return new ModuleCompileResult(code, keys, new ModuleCompileStats(n, cached, misses.Count, deduplicated), diagnostics);
    }

    private static ModuleCompileResult Failed(int n, CacheKey[] keys, List<Diagnostic> diagnostics) =>
        new(new CompiledCodeStencil?[n], keys, new ModuleCompileStats(n, 0, 0, 0), diagnostics);

    /// <summary>
    /// The decoded cache entry of each owner (null on a miss), looked up in one batch; null, after an internal error,
    /// when the store failed with a bug.
    /// </summary>
    private CompiledCodeStencil?[]? Load(List<int> owners, CacheKey[] keys, IReadOnlyList<ModuleFunction> functions, List<Diagnostic> diagnostics)
    {
        var result = new CompiledCodeStencil?[owners.Count];
        if (cache is null || owners.Count == 0) return result;
        var ownerKeys = new CacheKey[owners.Count];
        var names = new string[owners.Count];
        for (int o = 0; o < owners.Count; o++) { ownerKeys[o] = keys[owners[o]]; names[o] = functions[owners[o]].DisplayName; }
        var payloads = new ReadOnlyMemory<byte>?[owners.Count];
        try
        {
            cache.TryGetMany(ownerKeys, names, payloads);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store turns every problem with its storage into a warning and a miss; what escapes it is a bug.
            diagnostics.Add(InternalErrors.InCache(e));
            return null;
        }
        // Decoding is most of what a cached build does per function; like compiling, it needs no order.
        var undecodable = new bool[owners.Count];
        Parallel.For(0, owners.Count, new ParallelOptions { MaxDegreeOfParallelism = DegreeOfParallelism }, o =>
        {
            if (payloads[o] is not { } bytes) return;
            if (CompiledCodeCodec.TryDecode(bytes.Span, out var hit)) result[o] = hit;
            else undecodable[o] = true;
        });
        // A payload that passed its checksum yet does not decode is damage all the same (or a format the build id should
        // have kept apart): a miss, said once.
        if (Array.IndexOf(undecodable, true) is var first and >= 0)
            diagnostics.Add(Diagnostic.Warning(BuildDiagnosticCodes.CacheWarning,
                $"the cached code of {undecodable.Count(u => u)} function(s), `{names[first]}` first, does not decode; compiled instead"));
        return result;
    }

    /// <summary>Stores one function's code; false, after an internal error, when the store failed with a bug.</summary>
    private bool Store(CacheKey key, ModuleFunction f, CompiledCodeStencil code, List<Diagnostic> diagnostics)
    {
        if (cache is null) return true;
        try { cache.Insert(key, CompiledCodeCodec.Encode(code), new CacheEntryInfo(f.DisplayName, KeyContext.Triple)); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            diagnostics.Add(InternalErrors.InCache(e));
            return false;
        }
        return true;
    }

    private static Diagnostic Locate(Diagnostic d, ModuleFunction f) =>
        d.File is null && f.File is not null ? d with { File = f.File, Line = d.Line > 0 ? d.Line : f.Line, Column = d.Line > 0 ? d.Column : f.Column } : d;
}
