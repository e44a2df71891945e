namespace Stencil.Ir;

/// <summary>The destinations of a <c>br_table</c>: <see cref="Table"/>[index] when in range, else <see cref="Default"/>.</summary>
public sealed record JumpTableData(BlockCall Default, BlockCall[] Table);
