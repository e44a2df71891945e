using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Module;

/// <summary>The checks every module runs on a definition before accepting it, so a bad relocation or
/// trap offset is reported at the call that made it, not as corrupt output later.</summary>
public static class DefinitionChecks
{
    /// <summary>Largest alignment accepted; anything bigger is certainly a caller bug.</summary>
    public const int MaxAlignment = 1 << 16;

    public static void CheckAlignment(string name, int alignment)
    {
        if (alignment < 1 || alignment > MaxAlignment || (alignment & (alignment - 1)) != 0)
            throw ModuleErrors.BadAlignment(name, alignment);
    }

    public static void CheckRelocs(ModuleDeclarations declarations, string name, int length, IReadOnlyList<ModuleReloc> relocs)
    {
        foreach (var reloc in relocs)
        {
            if (!RelocTable.TryGet(reloc.Kind, out var info)) throw ModuleErrors.UnknownRelocKind(name, reloc.Kind);
            if ((ulong)reloc.Offset + (ulong)info.Width > (ulong)length) throw ModuleErrors.RelocOutOfRange(name, reloc.Offset, reloc.Kind, length);
            declarations.EnsureDeclared(reloc.Target);
        }
    }

    public static void CheckTraps(string name, int length, IReadOnlyList<TrapSite> traps)
    {
        // A trap may sit at the very end: some backends record the return address after a trapping call.
        foreach (var trap in traps)
            if (trap.Offset > (uint)length) throw ModuleErrors.TrapOutOfRange(name, trap.Offset, length);
    }
}
