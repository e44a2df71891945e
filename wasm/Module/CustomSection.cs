namespace Stencil.Wasm.Module;

/// <summary>A custom section: its name and where its contents lie in the file.</summary>
public sealed record CustomSection(string Name, int ContentOffset, int ContentLength);
