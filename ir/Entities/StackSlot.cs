namespace Stencil.Ir.Entities;

public readonly record struct StackSlot(uint Index) : IComparable<StackSlot>
{
    public const string Prefix = "ss";
    public int CompareTo(StackSlot other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
