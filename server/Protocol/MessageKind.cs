namespace Stencil.Server.Protocol;

/// <summary>The first byte of every message.</summary>
public enum MessageKind : byte
{
    Hello = 1,
    HelloReply = 2,
    Build = 3,
    BuildReply = 4,
    Status = 5,
    StatusReply = 6,
    Stop = 7,
    StopReply = 8,
    /// <summary>The server refused a message (malformed, oversized, another version); the text says why.</summary>
    Error = 9,
}
