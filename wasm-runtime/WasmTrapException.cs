using Stencil.Wasm.Abi;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// Wasm code trapped (or instantiation did: a segment out of bounds, a trapping start function). The message is the
/// spec's wording for <see cref="Kind"/>; when an import supplied by the host threw, <see cref="Kind"/> is
/// <see cref="WasmTrapKind.HostException"/> and the exception is the inner one. The store and its instances stay
/// usable afterwards.
/// </summary>
public sealed class WasmTrapException(WasmTrapKind kind, Exception? inner = null)
    : Exception(inner is null ? kind.Message() : $"{kind.Message()}: {inner.Message}", inner)
{
    public WasmTrapKind Kind { get; } = kind;
}

/// <summary>A module's imports do not match what was supplied: the spec's "unknown import" or "incompatible import type".</summary>
public sealed class WasmLinkException(string message) : Exception(message);
