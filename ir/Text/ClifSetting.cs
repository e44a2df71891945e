namespace Stencil.Ir.Text;

/// <summary>One <c>name=value</c> item of a <c>set</c> or <c>target</c> line. <see cref="Value"/> is null
/// when the item is a bare word (a boolean flag switched on, or an ISA preset such as <c>skylake</c>).</summary>
public sealed record ClifSetting(string Name, string? Value, ClifLocation Location);
