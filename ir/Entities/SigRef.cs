namespace Stencil.Ir.Entities;

public readonly record struct SigRef(uint Index) : IComparable<SigRef>
{
    public const string Prefix = "sig";
    public int CompareTo(SigRef other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
