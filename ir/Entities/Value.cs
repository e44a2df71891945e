namespace Stencil.Ir.Entities;

public readonly record struct Value(uint Index) : IComparable<Value>
{
    public const string Prefix = "v";
    public int CompareTo(Value other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
