namespace Stencil.Ir.Entities;

public readonly record struct GlobalValue(uint Index) : IComparable<GlobalValue>
{
    public const string Prefix = "gv";
    public int CompareTo(GlobalValue other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
