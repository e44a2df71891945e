using Stencil.RemoteCache;
using Stencil.Server.Building;

namespace Stencil.Server.Protocol;

/// <summary>
/// A build request: the <see cref="CompileRequest"/>, and the idle timeout the build asks the server to keep from now on
/// (the project's <c>StencilServerIdleTimeout</c>), as Roslyn's requests carry their keep-alive.
/// </summary>
public sealed record BuildMessage(CompileRequest Request, TimeSpan IdleTimeout)
{
    public byte[] Encode()
    {
        var r = Request;
        return new MessageWriter(MessageKind.Build)
            .String(r.ProjectName).Strings(r.Sources).String(r.ObjectFile).String(r.Triple).Strings(r.Settings)
            .String(r.CacheFile).Int64(r.CacheLockTimeout.Ticks).Bool(r.CacheMaxBytes.HasValue).Int64(r.CacheMaxBytes ?? 0)
            .String(r.RemoteCache).Byte((byte)r.RemoteCacheMode).String(r.SharedLibrary).Bool(r.Parallel)
            .Bool(r.VerifyCacheHits).Int64(IdleTimeout.Ticks)
            .ToArray();
    }

    public static BuildMessage Decode(byte[] message)
    {
        var reader = new MessageReader(message).Expect(MessageKind.Build);
        var request = new CompileRequest
        {
            ProjectName = reader.String(),
            Sources = AbsolutePaths(reader.Strings()),
            ObjectFile = AbsolutePath(reader.String()),
            Triple = reader.NullableString(),
            Settings = reader.Strings(),
            CacheFile = AbsolutePathOrNull(reader.NullableString()),
            CacheLockTimeout = Duration(reader.Int64()),
            CacheMaxBytes = reader.Bool() ? reader.Int64() : NotPresent(reader.Int64()),
            RemoteCache = reader.NullableString(),
            RemoteCacheMode = Mode(reader.Byte()),
            SharedLibrary = AbsolutePathOrNull(reader.NullableString()),
            Parallel = reader.Bool(),
            VerifyCacheHits = reader.Bool(),
        };
        var idle = Duration(reader.Int64());
        reader.End();
        if (request.CacheMaxBytes is < 0) throw new ProtocolException("a negative cache size");
        return new BuildMessage(request, idle);
    }

    private static long? NotPresent(long _) => null;

    private static TimeSpan Duration(long ticks) =>
        ticks >= 0 && ticks <= TimeSpan.FromDays(1).Ticks ? TimeSpan.FromTicks(ticks) : throw new ProtocolException("a duration out of range");

    private static RemoteCacheMode Mode(byte value) =>
        Enum.IsDefined((RemoteCacheMode)value) ? (RemoteCacheMode)value : throw new ProtocolException($"remote cache mode {value}");

    // The server has no current directory of the client's: only absolute paths mean the same thing on both sides.
    private static string AbsolutePath(string path) =>
        path.Length > 0 && Path.IsPathFullyQualified(path) && !path.Contains('\0') ? path : throw new ProtocolException("a path that is not absolute");

    private static string? AbsolutePathOrNull(string? path) => path is null ? null : AbsolutePath(path);

    private static IReadOnlyList<string> AbsolutePaths(IReadOnlyList<string> paths)
    {
        foreach (var path in paths) AbsolutePath(path);
        return paths;
    }
}
