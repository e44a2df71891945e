using Stencil.CacheDb;
using Stencil.Engine.Compilation;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>What <c>cache show</c> reports about one entry; also its JSON shape.</summary>
/// <param name="Problem">Why <see cref="Code"/> is null: the payload is missing or does not decode.</param>
public sealed record CachedCodeView(CacheEntrySummary Entry, CachedCodeDetails? Code, string? Problem)
{
    public static CachedCodeView Create(CacheEntrySummary entry, byte[] payload)
    {
        if (payload.Length == 0) return new(entry, null, "the payload is missing");
        if (!CompiledCodeCodec.TryDecode(payload, out var stencil) || stencil is null)
            return new(entry, null, $"the payload is not a compiled stencil of format version {CompiledCodeCodec.FormatVersion}");

        string? disassembly = null;
        if (TargetTriple.TryParse(entry.Triple, out var triple) && IsaRegistry.TryLookup(triple, IsaFlags.Default, out var isa, out _))
            disassembly = isa.Disassemble(stencil.Code, stencil.Relocs);

        var details = new CachedCodeDetails(
            stencil.Code.Length,
            stencil.FrameSize,
            stencil.Alignment,
            stencil.Relocs.Select(r => new CachedReloc(r.Offset, r.Kind.ToString(), r.Target.ToString(), r.Addend)).ToList(),
            stencil.Traps.Select(t => new CachedTrap(t.Offset, t.Code.ToString())).ToList(),
            disassembly);
        return new(entry, details, null);
    }
}
