namespace Stencil.Ir.Entities;

public readonly record struct JumpTable(uint Index) : IComparable<JumpTable>
{
    public const string Prefix = "jt";
    public int CompareTo(JumpTable other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
