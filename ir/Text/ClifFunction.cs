namespace Stencil.Ir.Text;

/// <summary>
/// A function read from a CLIF file with the text around it: where it starts (the <c>function</c>
/// keyword) and ends (its closing brace), the <c>; run:</c> / <c>; print:</c> directives that follow it
/// (up to the next function), and every comment from its start to the next function.
/// </summary>
public sealed record ClifFunction(
    Function Function,
    ClifLocation Location,
    ClifLocation EndLocation,
    IReadOnlyList<ClifDirective> Directives,
    IReadOnlyList<ClifComment> Comments);
