namespace Stencil.Ir;

/// <summary>A source location relative to the function's base location, so that a function moved inside
/// its file keeps an identical stencil. All-ones means unknown.</summary>
public readonly record struct RelSourceLoc(uint Offset)
{
    public static readonly RelSourceLoc Default = new(uint.MaxValue);
    public bool IsDefault => Offset == uint.MaxValue;

    public static RelSourceLoc FromBase(SourceLoc @base, SourceLoc loc) =>
        loc.IsDefault || @base.IsDefault ? Default : new RelSourceLoc(unchecked(loc.Bits - @base.Bits));

    public SourceLoc Expand(SourceLoc @base) => IsDefault || @base.IsDefault ? SourceLoc.Default : new SourceLoc(unchecked(@base.Bits + Offset));
}
