namespace Stencil.Isa.Backend;

/// <summary>How one signature's values travel, one location per register-sized part (i128 has two,
/// low half first). When returns overflow their registers the caller passes a hidden pointer to a return area in
/// <see cref="ReturnAreaPointer"/>, and the overflowing returns are stored there at their
/// <see cref="AbiLocation.StackOffset"/>. <see cref="StructReturnParam"/> is the index of the <c>sret</c> parameter,
/// or -1.</summary>
public sealed record AbiLayout(AbiLocation[][] Params, AbiLocation[][] Returns, int StackArgBytes, int ReturnAreaBytes, Reg ReturnAreaPointer, int StructReturnParam = -1)
{
    public bool HasReturnArea => ReturnAreaBytes > 0;
}
