using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Ir;

/// <summary>A global value declaration; fields unused by <see cref="Kind"/> stay default.</summary>
public sealed record GlobalValueData(GlobalValueKind Kind)
{
    public GlobalValue Base { get; init; }
    public long Offset { get; init; }
    public IrType GlobalType { get; init; } = IrType.I64;
    public MemFlags Flags { get; init; }
    public ExternalName Name { get; init; }
    public bool Colocated { get; init; }
    public bool Tls { get; init; }

    public static GlobalValueData VMContext() => new(GlobalValueKind.VMContext);
    public static GlobalValueData Load(GlobalValue @base, long offset, IrType type, MemFlags flags) => new(GlobalValueKind.Load) { Base = @base, Offset = offset, GlobalType = type, Flags = flags };
    public static GlobalValueData IAddImm(GlobalValue @base, long offset, IrType type) => new(GlobalValueKind.IAddImm) { Base = @base, Offset = offset, GlobalType = type };
    /// <summary>The target's scale for dynamic vectors of <paramref name="vectorType"/> (held in <see cref="GlobalType"/>); the value itself is an i64 count.</summary>
    public static GlobalValueData DynScaleTargetConst(IrType vectorType) => new(GlobalValueKind.DynScaleTargetConst) { GlobalType = vectorType };
    public static GlobalValueData Symbol(ExternalName name, long offset, bool colocated, bool tls) => new(GlobalValueKind.Symbol) { Name = name, Offset = offset, Colocated = colocated, Tls = tls };
}
