namespace Stencil.Ir.Entities;

public readonly record struct FuncRef(uint Index) : IComparable<FuncRef>
{
    public const string Prefix = "fn";
    public int CompareTo(FuncRef other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
