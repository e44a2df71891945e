namespace Stencil.Ir.Entities;

public readonly record struct Block(uint Index) : IComparable<Block>
{
    public const string Prefix = "block";
    public int CompareTo(Block other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
