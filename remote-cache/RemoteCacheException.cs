namespace Stencil.RemoteCache;

/// <summary>The remote cache could not answer; the message is safe to show (it never holds a password).</summary>
public sealed class RemoteCacheException(string message, Exception? inner = null) : Exception(message, inner);
