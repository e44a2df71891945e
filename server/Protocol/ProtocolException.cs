namespace Stencil.Server.Protocol;

/// <summary>A message that does not follow the protocol: truncated, oversized, of an unknown kind, or with a bad field.</summary>
public sealed class ProtocolException(string message) : Exception(message);
