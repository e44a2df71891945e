using Stencil.Engine.Jit;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Benchmarks;

/// <summary>The bench module's 200 generated functions compiled at one level, each called once per round
/// with fixed seeded arguments through its signature's trampoline.</summary>
public sealed class GeneratedCalls : IDisposable
{
    public const int Count = 200;

    private readonly CompiledKernel _compiled;
    private readonly (nint Trampoline, nint Function, UInt128[] Args, int Returns)[] _calls;

    public GeneratedCalls(OptLevel level)
    {
        var functions = GeneratedModule.Functions(Count);
        _compiled = new CompiledKernel(string.Join("\n", functions.Select(ClifWriter.Write)), level);
        var rng = new Random(7);
        _calls = functions.Select(f => (
            _compiled.Trampoline(f.Name.SymbolName),
            _compiled.Pointer(f.Name.SymbolName),
            f.Signature.Params.Select(_ => (UInt128)(ulong)rng.NextInt64()).ToArray(),
            Math.Max(1, f.Signature.Returns.Count))).ToArray();
    }

    public int CodeBytes => _compiled.CodeBytes;

    /// <summary>Calls every function once; returns a fold of the results so the calls cannot be skipped.</summary>
    public long CallAll()
    {
        long fold = 0;
        Span<UInt128> results = stackalloc UInt128[8];
        foreach (var (trampoline, function, args, returns) in _calls)
        {
            JitCalls.CallDirect(trampoline, function, args, results[..returns]);
            fold ^= (long)(ulong)results[0];
        }
        return fold;
    }

    public void Dispose() => _compiled.Dispose();
}
