namespace Stencil.Ir.Entities;

public readonly record struct Constant(uint Index) : IComparable<Constant>
{
    public const string Prefix = "const";
    public int CompareTo(Constant other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
