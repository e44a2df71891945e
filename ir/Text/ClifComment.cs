namespace Stencil.Ir.Text;

/// <summary>A comment as written, semicolon included.</summary>
public sealed record ClifComment(string Text, ClifLocation Location);
