namespace Stencil.Ir.Text;

/// <summary>
/// A comment that instructs a test command, such as <c>; run: %add(1, 2) == 3</c> or <c>; print: %f()</c>.
/// <see cref="Kind"/> is the word before the colon (<c>run</c>, <c>print</c>); <see cref="Text"/> is what
/// follows it, trimmed (empty for the legacy bare <c>; run</c>). The location is that of the semicolon.
/// </summary>
public sealed record ClifDirective(string Kind, string Text, ClifLocation Location);
