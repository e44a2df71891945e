using Stencil.Isa;

namespace Stencil.Engine.Object;

/// <summary>How an <see cref="ObjectModule"/> writes its object.</summary>
public sealed record ObjectModuleOptions
{
    /// <summary>The target; ELF targets of the machines <see cref="ElfMachine"/> lists (x86_64, s390x) can be written.</summary>
    public TargetTriple Triple { get; init; } = TargetTriple.X86_64Linux;

    /// <summary>When set, an STT_FILE symbol with this name leads the symbol table (what C compilers emit for
    /// the source file). Pass a stable, relative name: anything machine-specific makes the object differ
    /// between machines.</summary>
    public string? FileSymbolName { get; init; }
}
