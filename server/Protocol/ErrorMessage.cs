namespace Stencil.Server.Protocol;

/// <summary>The server's refusal of a message, with a reason for the client's log.</summary>
public static class ErrorMessage
{
    public static byte[] Encode(string reason) => new MessageWriter(MessageKind.Error).String(reason).ToArray();
}
