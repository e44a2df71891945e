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
/// has batch by batch, compiles the rest in parallel with one <see cref="Context"/> per worker, and stores the new
/// code, the batches overlapping in one pipeline with no barrier (see <c>ParallelModuleCompiler.Pipeline.cs</c>). The
/// result is indexed like the input, so what follows is independent of scheduling.
/// <para>
/// A bug while compiling a function (any exception but a <see cref="DiagnosticException"/>) is an internal error at
/// that function's definition; when several functions fail, each is reported, in definition order. A bug in the cache
/// store (see <see cref="ICacheStore"/>) is an internal error that stops the compile. Neither escapes as an exception.
/// </para>
/// </summary>
public sealed partial class ParallelModuleCompiler(TargetIsa isa, ICacheStore? cache, int maxDegreeOfParallelism = 0)
{
    public bool VerifyCacheHits { get; init; }

    /// <summary>Receives each parallel item's cost and the stages between phases, when tracing.</summary>
    public CompileTrace? Trace { get; init; }

    public KeyContext KeyContext { get; } = new(isa.Triple.ToString(), isa.Flags.Entries.Select(e => KeyValuePair.Create(e.Name, e.Value)).ToArray(), CompilerBuildId.Current);

    /// <summary>How many functions are compiled at once.</summary>
    public int DegreeOfParallelism => maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>
    /// How many functions are looked up in the cache together (one <see cref="ICacheStore.TryGetMany"/>), and the unit in
    /// which IR is let go: once a batch's functions are compiled and stored, their IR is released
    /// (<see cref="ModuleFunction.ReleaseFunction"/>), so a module whose IR is made on demand (a wasm module's) holds
    /// O(parallelism) functions' IR, not O(module). Large enough that a remote cache gets few round trips.
    /// </summary>
    private int BatchSize => Math.Max(128, 64 * DegreeOfParallelism);

    /// <param name="clock">When given, receives the stage "compile": keys, cache lookups, compiles and stores, which
    /// overlap (see <see cref="ParallelModuleCompiler"/>'s pipeline).</param>
    public ModuleCompileResult Compile(IReadOnlyList<ModuleFunction> functions, CancellationToken ct = default, StageClock? clock = null)
    {
        int n = functions.Count;
        var run = new Run(functions, BatchSize, ct);
        Trace?.Mark("compiler setup");
        try
        {
            RunPipeline(run);
        }
        finally
        {
            // A compile that stopped early may have made IR beyond its last batch.
            if (run.Failure is not null || ct.IsCancellationRequested) foreach (var f in functions) f.ReleaseFunction();
        }
        Trace?.Mark("phases", TraceStage.Phases);
        clock?.Mark("compile");
        if (run.Failure is { } failed) return failed;
        // Deduplicated functions take their owner's code (an owner in an earlier batch, or the same one).
        for (int i = 0; i < n; i++) if (run.Code[i] is null && run.Owner.TryGetValue(run.Keys[i], out var o) && o != i) run.Code[i] = run.Code[o];
        return new ModuleCompileResult(run.Code, run.Keys, new ModuleCompileStats(n, run.Cached, run.Compiled, run.Deduplicated), run.Diagnostics);
    }

    /// <summary>
    /// Batch <paramref name="b"/>, all keyed, before its compiles: its owners (in definition order, batches being
    /// prepared in order), its cache lookups, and what is to be compiled. Stops the compile at this batch when a key
    /// failed or the store failed with a bug.
    /// </summary>
    private Batch Prepare(Run run, int b)
    {
        var (functions, keys) = (run.Functions, run.Keys);
        int start = b * run.BatchSize, end = Math.Min(functions.Count, start + run.BatchSize);
        var batch = new Batch(start, end);
        if (run.KeyErrors[start..end].OfType<Diagnostic>().ToArray() is { Length: > 0 } keyErrors)
        {
            batch.KeyErrors = keyErrors;
            return batch;
        }
        var owners = new List<int>();
        for (int i = start; i < end; i++)
        {
            if (run.Owner.TryAdd(keys[i], i)) owners.Add(i); else run.Deduplicated++;
        }
        if (Load(owners, keys, functions, batch.Diagnostics) is not { } hits)
        {
            batch.LoadFailed = true;
            return batch;
        }
        for (int o = 0; o < owners.Count; o++)
        {
            int i = owners[o];
            if (hits[o] is { } hit) { run.Code[i] = hit; run.Cached++; if (VerifyCacheHits) batch.Verify.Add(i); }
            else batch.Misses.Add(i);
        }
        return batch;
    }

    /// <summary>What one batch's preparation, compiles and results share; indexed from its start.</summary>
    private sealed class Batch(int start, int end)
    {
        public int Start { get; } = start;
        public int End { get; } = end;
        public Diagnostic[]? KeyErrors { get; set; }
        public bool LoadFailed { get; set; }
        /// <summary>The cache's, from the lookups: reported when the batch's results are.</summary>
        public List<Diagnostic> Diagnostics { get; } = [];
        public List<int> Misses { get; } = [];
        public List<int> Verify { get; } = [];
        public bool Stops => KeyErrors is not null || LoadFailed;
        public IEnumerable<int> ToCompile => Misses.Concat(Verify);
        public CompiledCodeStencil?[] Fresh { get; } = new CompiledCodeStencil?[end - start];
        // A payload is encoded by the worker that compiled it, so only inserting is serial.
        public byte[]?[] Payloads { get; } = new byte[]?[end - start];
        public Diagnostic?[] Errors { get; } = new Diagnostic?[end - start];
        public StaleManifestException?[] Stale { get; } = new StaleManifestException?[end - start];
        public CacheKey?[] StaleKeys { get; } = new CacheKey?[end - start];
    }

    /// <summary>Compiles function <paramref name="i"/> of <paramref name="batch"/> (a miss, or a hit to verify).</summary>
    private Context CompileOne(Run run, Batch batch, int i, Context ctx)
    {
        var functions = run.Functions;
        int j = i - batch.Start;
        try
        {
            var stencil = functions[i].Function.Stencil;
            // A remembered key is only trusted for lookups: what gets compiled and stored is keyed afresh.
            if (functions[i] is { KeyIsRemembered: true, KnownKey: { } known })
            {
                var actual = StencilEncoder.ComputeKey(stencil, KeyContext);
                if (actual != known) batch.StaleKeys[j] = actual;
            }
            batch.Fresh[j] = ctx.Compile(stencil, functions[i].DisplayName);
            // Verified hits are not stored (Code holds the hit).
            if (cache is not null && run.Code[i] is null) batch.Payloads[j] = CompiledCodeCodec.Encode(batch.Fresh[j]!);
        }
        catch (DiagnosticException e) { batch.Errors[j] = Locate(e.Diagnostic, functions[i]); }
        catch (StaleManifestException e) { batch.Stale[j] = e; }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            batch.Errors[j] = InternalErrors.InFunction(e, functions[i]);
            // What a context holds after a failure mid-function is not to be trusted with the next one.
            return new Context(isa);
        }
        return ctx;
    }

    /// <summary>
    /// Batch <paramref name="batch"/>, all compiled, after every earlier one: its diagnostics and stores, in definition
    /// order, and its IR let go; null, or the result of a compile that stops here.
    /// </summary>
    private ModuleCompileResult? Finish(Run run, Batch batch)
    {
        var (functions, keys, code, diagnostics) = (run.Functions, run.Keys, run.Code, run.Diagnostics);
        int n = functions.Count, start = batch.Start;
        diagnostics.AddRange(batch.Diagnostics);
        if (batch.KeyErrors is { } keyErrors) return Failed(n, keys, batch.End, [.. diagnostics, .. keyErrors]);
        if (batch.LoadFailed) return Failed(n, keys, batch.End, diagnostics);
        var toCompile = batch.ToCompile.ToArray();
        // The first in definition order, whichever thread got there first.
        if (toCompile.Order().Select(i => batch.Stale[i - start]).FirstOrDefault(s => s is not null) is { } staleManifest)
            return Failed(n, keys, batch.End, diagnostics) with { StaleManifest = staleManifest };

        foreach (int i in toCompile)
        {
            if (batch.StaleKeys[i - start] is not { } actual) continue;
            diagnostics.Add(Locate(VerifyCacheHits
                ? Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch, $"cache verification failed for `{functions[i].DisplayName}`: the build manifest remembers key {keys[i]} but its source has key {actual}")
                : Diagnostic.Warning(BuildDiagnosticCodes.CacheWarning, $"the build manifest was out of date for `{functions[i].DisplayName}`; it was compiled from its source"), functions[i]));
            keys[i] = actual;
        }
        run.Compiled += batch.Misses.Count;
        foreach (int i in batch.Misses)
        {
            if (batch.Errors[i - start] is { } err) { diagnostics.Add(err); continue; }
            code[i] = batch.Fresh[i - start];
            if (!run.StoreFailed) run.StoreFailed = !Store(keys[i], functions[i], batch.Payloads[i - start], diagnostics);
        }
        foreach (int i in batch.Verify)
        {
            if (batch.Errors[i - start] is { } err) { diagnostics.Add(err); continue; }
            if (!batch.Fresh[i - start]!.SameAs(code[i]!))
                diagnostics.Add(Locate(Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch,
                    $"cache verification failed for `{functions[i].DisplayName}`: the cached code for key {keys[i]} differs from a fresh compile"), functions[i]));
        }
        for (int i = start; i < batch.End; i++) functions[i].ReleaseFunction();
        return null;
    }

    private void Key(Run run, int i)
    {
        var f = run.Functions[i];
        try { run.Keys[i] = f.KnownKey ?? StencilEncoder.ComputeKey(f.Function.Stencil, KeyContext); }
        catch (Exception e) when (e is not OperationCanceledException) { run.KeyErrors[i] = InternalErrors.InFunction(e, f); }
    }

    /// <param name="keyed">Keys past this index are left out: how far keying ran ahead depends on the scheduling.</param>
    private static ModuleCompileResult Failed(int n, CacheKey[] keys, int keyed, List<Diagnostic> diagnostics)
    {
        var known = new CacheKey[n];
        Array.Copy(keys, known, keyed);
        return new(new CompiledCodeStencil?[n], known, new ModuleCompileStats(n, 0, 0, 0), diagnostics);
    }

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

    /// <summary>Stores one function's encoded code; false, after an internal error, when the store failed with a bug.</summary>
    private bool Store(CacheKey key, ModuleFunction f, byte[]? payload, List<Diagnostic> diagnostics)
    {
        if (cache is null || payload is null) return true;
        try { cache.Insert(key, payload, new CacheEntryInfo(f.DisplayName, KeyContext.Triple)); }
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
