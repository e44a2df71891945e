namespace Stencil.Ir.Entities;

public readonly record struct Inst(uint Index) : IComparable<Inst>
{
    public const string Prefix = "inst";
    public int CompareTo(Inst other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
