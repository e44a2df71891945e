using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Isa;

namespace Stencil.Engine.Compilation;

/// <summary>
/// Gives every function of a module its <see cref="CompiledCodeStencil"/>: keys all stencils, compiles
/// each distinct stencil once (identical ones are deduplicated), takes what the cache has, compiles the
/// rest in parallel with one <see cref="Context"/> per worker, and stores the new code. The result is
/// indexed like the input, so what follows is independent of scheduling.
/// </summary>
public sealed class ParallelModuleCompiler(TargetIsa isa, ICacheStore? cache, int maxDegreeOfParallelism = 0)
{
    public bool VerifyCacheHits { get; init; }

    public KeyContext KeyContext { get; } = new(isa.Triple.ToString(), isa.Flags.Entries.Select(e => KeyValuePair.Create(e.Name, e.Value)).ToArray(), CompilerBuildId.Current);

    public ModuleCompileResult Compile(IReadOnlyList<ModuleFunction> functions, CancellationToken ct = default)
    {
        int n = functions.Count;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount };
        var keys = new CacheKey[n];
        Parallel.For(0, n, options, i => keys[i] = StencilEncoder.ComputeKey(functions[i].Function.Stencil, KeyContext));

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
        int cached = 0;
        foreach (int i in owners)
        {
            if (TryLoad(keys[i], functions[i], diagnostics, out var hit)) { code[i] = hit; cached++; if (VerifyCacheHits) verify.Add(i); }
            else misses.Add(i);
        }

        var fresh = new CompiledCodeStencil?[n];
        var errors = new Diagnostic?[n];
        var toCompile = misses.Concat(verify).ToArray();
        Parallel.ForEach(toCompile, options, () => new Context(isa), (i, _, ctx) =>
        {
            try { fresh[i] = ctx.Compile(functions[i].Function.Stencil); }
            catch (DiagnosticException e) { errors[i] = Locate(e.Diagnostic, functions[i]); }
            return ctx;
        }, _ => { });

        foreach (int i in misses)
        {
            if (errors[i] is { } err) { diagnostics.Add(err); continue; }
            code[i] = fresh[i];
            Store(keys[i], functions[i], fresh[i]!, diagnostics);
        }
        foreach (int i in verify)
        {
            if (errors[i] is { } err) { diagnostics.Add(err); continue; }
            if (!fresh[i]!.SameAs(code[i]!))
                diagnostics.Add(Locate(Diagnostic.Error(BuildDiagnosticCodes.CacheMismatch,
                    $"cache verification failed for `{functions[i].DisplayName}`: the cached code for key {keys[i]} differs from a fresh compile"), functions[i]));
        }
        for (int i = 0; i < n; i++) if (code[i] is null && owner[keys[i]] != i) code[i] = code[owner[keys[i]]];

        return new ModuleCompileResult(code, keys, new ModuleCompileStats(n, cached, misses.Count, deduplicated), diagnostics);
    }

    private bool TryLoad(CacheKey key, ModuleFunction f, List<Diagnostic> diagnostics, out CompiledCodeStencil? hit)
    {
        hit = null;
        if (cache is null) return false;
        try
        {
            return cache.TryGet(key, f.DisplayName, out var bytes) && CompiledCodeCodec.TryDecode(bytes, out hit);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            diagnostics.Add(Diagnostic.Warning(BuildDiagnosticCodes.CacheWarning, $"cache lookup failed ({e.GetType().Name}: {e.Message}); compiling `{f.DisplayName}` instead"));
            return false;
        }
    }

    private void Store(CacheKey key, ModuleFunction f, CompiledCodeStencil code, List<Diagnostic> diagnostics)
    {
        if (cache is null) return;
        try { cache.Insert(key, CompiledCodeCodec.Encode(code), new CacheEntryInfo(f.DisplayName, KeyContext.Triple)); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            diagnostics.Add(Diagnostic.Warning(BuildDiagnosticCodes.CacheWarning, $"cache store failed ({e.GetType().Name}: {e.Message}); the build goes on without caching `{f.DisplayName}`"));
        }
    }

    private static Diagnostic Locate(Diagnostic d, ModuleFunction f) =>
        d.File is null && f.File is not null ? d with { File = f.File, Line = d.Line > 0 ? d.Line : f.Line, Column = d.Line > 0 ? d.Column : f.Column } : d;
}
