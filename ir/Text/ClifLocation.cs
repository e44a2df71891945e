namespace Stencil.Ir.Text;

/// <summary>A 1-based position in a CLIF file.</summary>
public readonly record struct ClifLocation(string? File, int Line, int Column)
{
    public override string ToString() => $"{File ?? "<text>"}({Line},{Column})";
}
