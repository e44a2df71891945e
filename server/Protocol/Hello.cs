namespace Stencil.Server.Protocol;

/// <summary>
/// The first message on every connection, both ways: magic, protocol version and the compiler's identity. A build is
/// only ever sent to a server whose identity equals the client's (<see cref="Client.ServerClient"/>); status and stop
/// are answered whatever the identity, so <c>stencil server</c> can see and stop servers of any version.
/// </summary>
public sealed record Hello(int ProtocolVersion, string Identity, int ProcessId)
{
    public const int Magic = 0x534E5453; // "STNS"
    public const int CurrentVersion = 1;

    public static Hello ForThisProcess(string identity) => new(CurrentVersion, identity, Environment.ProcessId);

    public byte[] Encode(MessageKind kind) =>
        new MessageWriter(kind).Int32(Magic).Int32(ProtocolVersion).String(Identity).Int32(ProcessId).ToArray();

    public static Hello Decode(byte[] message, MessageKind kind)
    {
        var reader = new MessageReader(message).Expect(kind);
        if (reader.Int32() != Magic) throw new ProtocolException("not a Stencil compiler server message (bad magic)");
        var hello = new Hello(reader.Int32(), reader.String(), reader.Int32());
        reader.End();
        return hello;
    }
}
