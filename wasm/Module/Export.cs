namespace Stencil.Wasm.Module;

public sealed record Export(string Name, ExternalKind Kind, uint Index, int Offset);
