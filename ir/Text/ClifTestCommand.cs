namespace Stencil.Ir.Text;

/// <summary>A <c>test &lt;name&gt; [options]</c> header line, e.g. <c>test run</c> or <c>test compile precise-output</c>.</summary>
public sealed record ClifTestCommand(string Name, IReadOnlyList<string> Options, ClifLocation Location);
