namespace Stencil.Wasm.Runtime;

/// <summary>An import written in C#: reads its arguments, writes its results (as many as its type has). Whatever it
/// throws becomes a trap of the calling wasm code with that exception inside.</summary>
public delegate void HostFunctionCallback(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results);
