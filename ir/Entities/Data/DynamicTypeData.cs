using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>A dynamic vector type: <see cref="BaseVectorType"/> repeated a target-defined number of times,
/// the count given by the global value <see cref="Scale"/> (a <c>dyn_scale_target_const</c>).</summary>
public sealed record DynamicTypeData(IrType BaseVectorType, GlobalValue Scale)
{
    public override string ToString() => $"{BaseVectorType}*{Scale}";
}
