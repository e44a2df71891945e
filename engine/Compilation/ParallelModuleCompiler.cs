using System.Collections.Concurrent;
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

    /// <summary>Receives each parallel item's cost and the stages between phases, when tracing.</summary>
    public CompileTrace? Trace { get; init; }

    public KeyContext KeyContext { get; } = new(isa.Triple.ToString(), isa.Flags.Entries.Select(e => KeyValuePair.Create(e.Name, e.Value)).ToArray(), CompilerBuildId.Current);

    /// <summary>How many functions are compiled at once.</summary>
    public int DegreeOfParallelism => maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>
    /// How many functions are worked on at once. Between batches every function's IR is released
    /// (<see cref="ModuleFunction.ReleaseFunction"/>), so a module whose IR is made on demand (a wasm module's) holds
    /// O(parallelism) functions' IR, not O(module). Large enough that the barriers between stages cost little and a
    /// remote cache still gets few round trips.
    /// </summary>
    private int BatchSize => Math.Max(128, 64 * DegreeOfParallelism);

    /// <param name="clock">When given, receives the stages "keys" (the first batch's), "cache lookups", "compile" (which
    /// also keys the next batch) and "store", summed over batches.</param>
    public ModuleCompileResult Compile(IReadOnlyList<ModuleFunction> functions, CancellationToken ct = default, StageClock? clock = null)
    {
        int n = functions.Count;
        var run = new Run(functions, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = DegreeOfParallelism }, clock);
        Trace?.Mark("compiler setup");
        Work(run, [], 0, Math.Min(n, BatchSize), null);
        run.Clock?.Mark("keys");
        for (int start = 0; start < n; start += BatchSize)
        {
            int end = Math.Min(n, start + BatchSize);
            var failed = CompileBatch(run, start, end, Math.Min(n, end + BatchSize));
            for (int i = start; i < end; i++) functions[i].ReleaseFunction();
            if (failed is not null)
            {
                // The next batch may have been keyed already.
                for (int i = end; i < n; i++) functions[i].ReleaseFunction();
                return failed;
            }
        }
        // Deduplicated functions take their owner's code (an owner in an earlier batch, or this one).
        for (int i = 0; i < n; i++) if (run.Code[i] is null && run.Owner.TryGetValue(run.Keys[i], out var o) && o != i) run.Code[i] = run.Code[o];
        return new ModuleCompileResult(run.Code, run.Keys, new ModuleCompileStats(n, run.Cached, run.Compiled, run.Deduplicated), run.Diagnostics);
    }

    /// <summary>What the batches of one <see cref="Compile"/> share.</summary>
    private sealed class Run(IReadOnlyList<ModuleFunction> functions, ParallelOptions options, StageClock? clock)
    {
        public IReadOnlyList<ModuleFunction> Functions { get; } = functions;
        public ParallelOptions Options { get; } = options;
        public StageClock? Clock { get; } = clock;
        public CacheKey[] Keys { get; } = new CacheKey[functions.Count];
        public CompiledCodeStencil?[] Code { get; } = new CompiledCodeStencil?[functions.Count];
        /// <summary>The first function with a key owns it; later ones reuse its code.</summary>
        public Dictionary<CacheKey, int> Owner { get; } = new(functions.Count);
        /// <summary>A bug while keying a function; the batch it is in stops the compile.</summary>
        public Diagnostic?[] KeyErrors { get; } = new Diagnostic?[functions.Count];
        public List<Diagnostic> Diagnostics { get; } = [];
        public int Cached, Compiled, Deduplicated;
        public bool StoreFailed;
    }

    /// <summary>
    /// Functions [start, end), already keyed: lookups, compiles and stores; null, or the result of a compile that stops
    /// here. Functions [end, nextEnd) are keyed while this batch compiles.
    /// </summary>
    private ModuleCompileResult? CompileBatch(Run run, int start, int end, int nextEnd)
    {
        var (functions, keys, code, diagnostics) = (run.Functions, run.Keys, run.Code, run.Diagnostics);
        int n = functions.Count;
        if (run.KeyErrors[start..end].OfType<Diagnostic>().ToArray() is { Length: > 0 } keyErrors)
            return Failed(n, keys, [.. diagnostics, .. keyErrors]);

        var owners = new List<int>();
        for (int i = start; i < end; i++)
        {
            if (run.Owner.TryAdd(keys[i], i)) owners.Add(i); else run.Deduplicated++;
        }

        var misses = new List<int>();
        var verify = new List<int>();
        if (Load(owners, keys, functions, diagnostics) is not { } hits) return Failed(n, keys, diagnostics);
        for (int o = 0; o < owners.Count; o++)
        {
            int i = owners[o];
            if (hits[o] is { } hit) { code[i] = hit; run.Cached++; if (VerifyCacheHits) verify.Add(i); }
            else misses.Add(i);
        }
        run.Clock?.Mark("cache lookups");
        Trace?.Mark("batch setup");

        // Indexed from start; a payload is encoded by the worker that compiled it, so only inserting is serial.
        var fresh = new CompiledCodeStencil?[end - start];
        var payloads = new byte[]?[end - start];
        var errors = new Diagnostic?[end - start];
        var stale = new StaleManifestException?[end - start];
        var staleKeys = new CacheKey?[end - start];
        var toCompile = misses.Concat(verify).ToArray();
        var storing = misses.ToHashSet();
        Context Compile(int i, Context ctx)
        {
            int j = i - start;
            try
            {
                var stencil = functions[i].Function.Stencil;
                // A remembered key is only trusted for lookups: what gets compiled and stored is keyed afresh.
                if (functions[i] is { KeyIsRemembered: true, KnownKey: { } known })
                {
                    var actual = StencilEncoder.ComputeKey(stencil, KeyContext);
                    if (actual != known) staleKeys[j] = actual;
                }
                fresh[j] = ctx.Compile(stencil, functions[i].DisplayName);
                if (cache is not null && storing.Contains(i)) payloads[j] = CompiledCodeCodec.Encode(fresh[j]!);
            }
            catch (DiagnosticException e) { errors[j] = Locate(e.Diagnostic, functions[i]); }
            catch (StaleManifestException e) { stale[j] = e; }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors[j] = InternalErrors.InFunction(e, functions[i]);
                // What a context holds after a failure mid-function is not to be trusted with the next one.
                return new Context(isa);
            }
            return ctx;
        }
        Work(run, toCompile, end, nextEnd, Compile);
        run.Clock?.Mark("compile");
        // The first in definition order, whichever thread got there first.
        if (toCompile.Order().Select(i => stale[i - start]).FirstOrDefault(s => s is not null) is { } staleManifest)
            return Failed(n, keys, diagnostics) with { StaleManifest = staleManifest };

        foreach (int i in toCompile)
        {
            if (staleKeys[i - start] is not { } actual) continue;
            diagnostics.Add(Locate(VerifyCacheHits
                ? Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch, $"cache verification failed for `{functions[i].DisplayName}`: the build manifest remembers key {keys[i]} but its source has key {actual}")
                : Diagnostic.Warning(BuildDiagnosticCodes.CacheWarning, $"the build manifest was out of date for `{functions[i].DisplayName}`; it was compiled from its source"), functions[i]));
            keys[i] = actual;
        }
        run.Compiled += misses.Count;
        foreach (int i in misses)
        {
            if (errors[i - start] is { } err) { diagnostics.Add(err); continue; }
            code[i] = fresh[i - start];
            if (!run.StoreFailed) run.StoreFailed = !Store(keys[i], functions[i], payloads[i - start], diagnostics);
        }
        foreach (int i in verify)
        {
            if (errors[i - start] is { } err) { diagnostics.Add(err); continue; }
            if (!fresh[i - start]!.SameAs(code[i]!))
                diagnostics.Add(Locate(Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch,
                    $"cache verification failed for `{functions[i].DisplayName}`: the cached code for key {keys[i]} differs from a fresh compile"), functions[i]));
        }
        run.Clock?.Mark("store");
        Trace?.Mark("batch results");
        return null;
    }

    /// <summary>
    /// One parallel phase: compiles <paramref name="toCompile"/>, then keys functions [<paramref name="keyFrom"/>,
    /// <paramref name="keyTo"/>) (the next batch). Workers take one item at a time, the largest functions first, so the
    /// phase does not end with one worker on a large function while the other waits: keying the next batch fills that
    /// time. Results go to slots by function index, so the order of work changes nothing but the time.
    /// </summary>
    private void Work(Run run, int[] toCompile, int keyFrom, int keyTo, Func<int, Context, Context>? compile)
    {
        // A compile item is a function index; a keying item is ~index.
        var items = new int[toCompile.Length + keyTo - keyFrom];
        toCompile.CopyTo(items, 0);
        // IR instructions stand for a function's compile time; one whose IR is not made yet goes first, being unknown.
        var size = Array.ConvertAll(toCompile, i => run.Functions[i].PeekFunction?.Stencil.Dfg.NumInsts ?? int.MaxValue);
        Array.Sort(size, items, 0, toCompile.Length, Comparer<int>.Create((a, b) => b.CompareTo(a)));
        for (int i = keyFrom; i < keyTo; i++) items[toCompile.Length + i - keyFrom] = ~i;
        if (items.Length == 0) return;
        var trace = Trace;
        int phase = trace?.BeginPhase() ?? 0;
        Parallel.ForEach(Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering), run.Options, () => new Context(isa),
            (item, _, order, ctx) =>
            {
                long cpu = trace is null ? 0 : ThreadCpuClock.NowNs();
                if (item >= 0) ctx = compile!(item, ctx);
                else Key(run, ~item);
                trace?.Item(phase, (int)order, item >= 0, ThreadCpuClock.NowNs() - cpu);
                return ctx;
            }, _ => { });
        trace?.Mark("phases", TraceStage.Phases);
    }

    private void Key(Run run, int i)
    {
        var f = run.Functions[i];
        try { run.Keys[i] = f.KnownKey ?? StencilEncoder.ComputeKey(f.Function.Stencil, KeyContext); }
        catch (Exception e) when (e is not OperationCanceledException) { run.KeyErrors[i] = InternalErrors.InFunction(e, f); }
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
