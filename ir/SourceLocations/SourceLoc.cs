namespace Stencil.Ir;

/// <summary>An opaque source location chosen by the front end; all-ones means unknown.</summary>
public readonly record struct SourceLoc(uint Bits)
{
    public static readonly SourceLoc Default = new(uint.MaxValue);
    public bool IsDefault => Bits == uint.MaxValue;
    public override string ToString() => IsDefault ? "@-" : $"@{Bits:x4}";
}
