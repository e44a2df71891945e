namespace Stencil.Server.Protocol;

/// <summary>What <c>stencil server status</c> shows about one running server.</summary>
public sealed record ServerStatus(int ProcessId, string Identity, DateTime StartedUtc, long BuildsServed, int ActiveBuilds,
    long WorkingSetBytes, TimeSpan IdleTimeout)
{
    public TimeSpan Uptime => DateTime.UtcNow - StartedUtc;

    public byte[] Encode() => new MessageWriter(MessageKind.StatusReply).Int32(ProcessId).String(Identity)
        .Int64(StartedUtc.Ticks).Int64(BuildsServed).Int32(ActiveBuilds).Int64(WorkingSetBytes).Int64(IdleTimeout.Ticks).ToArray();

    public static ServerStatus Decode(byte[] message)
    {
        var reader = new MessageReader(message).Expect(MessageKind.StatusReply);
        var pid = reader.Int32();
        var identity = reader.String();
        var started = reader.Int64();
        if (started < DateTime.MinValue.Ticks || started > DateTime.MaxValue.Ticks) throw new ProtocolException("a start time out of range");
        var status = new ServerStatus(pid, identity, new DateTime(started, DateTimeKind.Utc), reader.Int64(), reader.Int32(),
            reader.Int64(), TimeSpan.FromTicks(reader.Int64()));
        reader.End();
        return status;
    }
}
