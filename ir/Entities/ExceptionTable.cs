namespace Stencil.Ir.Entities;

/// <summary>The exception table of one <c>try_call</c>/<c>try_call_indirect</c>, an index into the data-flow graph's tables.</summary>
public readonly record struct ExceptionTable(uint Index) : IComparable<ExceptionTable>
{
    public const string Prefix = "et";
    public int CompareTo(ExceptionTable other) => Index.CompareTo(other.Index);
    public override string ToString() => Prefix + Index;
}
