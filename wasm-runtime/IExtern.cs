namespace Stencil.Wasm.Runtime;

/// <summary>What an instance exports and imports: a <see cref="Func"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</summary>
public interface IExtern;
