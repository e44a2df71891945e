using Stencil.Ir.Keys;

namespace Stencil.RemoteCache;

/// <summary>One value to publish: its kind and key say where it goes; <see cref="Value"/> is already encoded (<see cref="RemoteEntryCodec"/>).</summary>
public readonly record struct RemoteEntry(RemoteEntryKind Kind, CacheKey Key, byte[] Value);
