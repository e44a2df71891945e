namespace Stencil.Ir.Entities;

/// <summary>A dynamic vector type declared in the preamble (<c>dt0 = i8x16*gv0</c>).</summary>
public readonly record struct DynamicType(uint Index) : IComparable<DynamicType>
{
    public const string Prefix = "dt";
    public int CompareTo(DynamicType other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
