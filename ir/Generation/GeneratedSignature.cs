namespace Stencil.Ir.Generation;

/// <summary>The name, signature and call-graph layer of one function of a generated module, fixed before any body is built.</summary>
internal sealed record GeneratedSignature(string Symbol, Signature Signature, int Layer);
