using Stencil.Engine.Caching;
using Stencil.Isa;

namespace Stencil.Engine.Wasm;

/// <summary>How a translated wasm module is compiled. Wasm functions always get <c>enable_multi_ret_implicit_sret</c>
/// (multi-value functions may return more than the registers hold); <c>opt_level</c> is <c>speed</c> unless asked otherwise.</summary>
public sealed record WasmCompileOptions
{
    public OptLevel OptLevel { get; init; } = OptLevel.Speed;
    public TargetTriple Triple { get; init; } = TargetTriple.X86_64Linux;
    /// <summary>Where compiled functions are looked up and stored; none by default.</summary>
    public ICacheStore? Cache { get; init; }
    public bool VerifyCacheHits { get; init; }
    /// <summary>0: one worker per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    public IsaFlags Flags => IsaFlags.Default with { OptLevel = OptLevel, EnableMultiRetImplicitSret = true };
}
