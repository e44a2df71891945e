using Stencil.Engine.Caching;
using Stencil.Isa;

namespace Stencil.Engine.Wasm;

/// <summary>How a translated wasm module is compiled. Wasm functions always get <c>enable_multi_ret_implicit_sret</c>
/// (multi-value functions may return more than the registers hold); <c>opt_level</c> is <c>speed</c> unless asked otherwise.</summary>
public sealed record WasmCompileOptions
{
    /// <summary>The ISA settings; <see cref="Flags"/> adds what wasm code needs.</summary>
    public IsaFlags Settings { get; init; } = IsaFlags.Default with { OptLevel = OptLevel.Speed };

    public OptLevel OptLevel
    {
        get => Settings.OptLevel;
        init => Settings = Settings with { OptLevel = value };
    }

    public TargetTriple Triple { get; init; } = TargetTriple.X86_64Linux;
    /// <summary>Where compiled functions are looked up and stored; none by default.</summary>
    public ICacheStore? Cache { get; init; }
    public bool VerifyCacheHits { get; init; }
    /// <summary>0: one worker per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    public IsaFlags Flags => Settings with { EnableMultiRetImplicitSret = true };
}
