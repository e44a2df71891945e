using Stencil.Engine.Building;
using Stencil.Server.Building;

namespace Stencil.Server.Protocol;

/// <summary>What the server sends back once a build is over: its outcome and its whole log, in order.</summary>
public sealed record BuildReply(CompileOutcome Outcome, IReadOnlyList<LogEntry> Log)
{
    public byte[] Encode()
    {
        var writer = new MessageWriter(MessageKind.BuildReply).Bool(Outcome.Succeeded).String(Outcome.Summary);
        writer.Int32(Outcome.Stages.Count);
        foreach (var stage in Outcome.Stages) writer.String(stage.Name).Double(stage.Ms);
        writer.Int32(Log.Count);
        foreach (var e in Log)
            writer.Byte((byte)e.Kind).String(e.Text).String(e.Code).String(e.File).Int32(e.Line).Int32(e.Column).Byte((byte)e.Importance);
        return writer.ToArray();
    }

    public static BuildReply Decode(byte[] message)
    {
        var reader = new MessageReader(message).Expect(MessageKind.BuildReply);
        var succeeded = reader.Bool();
        var summary = reader.NullableString();
        var stages = new BuildStage[reader.Count(minimumBytesEach: 12)];
        for (var i = 0; i < stages.Length; i++) stages[i] = new BuildStage(reader.String(), reader.Double());
        var log = new LogEntry[reader.Count(minimumBytesEach: 22)];
        for (var i = 0; i < log.Length; i++)
        {
            var kind = reader.Byte();
            var entry = new LogEntry((LogKind)kind, reader.String(), reader.NullableString(), reader.NullableString(),
                reader.Int32(), reader.Int32(), (LogImportance)reader.Byte());
            if (!Enum.IsDefined(entry.Kind) || !Enum.IsDefined(entry.Importance))
                throw new ProtocolException("a log entry of an unknown kind or importance");
            log[i] = entry;
        }
        reader.End();
        return new BuildReply(new CompileOutcome(succeeded, summary, stages), log);
    }
}
