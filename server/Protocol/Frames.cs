using System.Buffers.Binary;

namespace Stencil.Server.Protocol;

/// <summary>
/// Messages travel as frames: a 4-byte little-endian length, then that many bytes. A length over the reader's limit is
/// refused before anything is allocated or read, so garbage cannot make either side allocate or wait for gigabytes.
/// </summary>
public static class Frames
{
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellation)
    {
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        payload.CopyTo(frame.AsMemory(4));
        await stream.WriteAsync(frame, cancellation).ConfigureAwait(false);
        await stream.FlushAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>The next frame's payload; null when the stream ends cleanly before a frame starts.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxLength, CancellationToken cancellation)
    {
        var header = new byte[4];
        var read = await ReadFullyAsync(stream, header, cancellation).ConfigureAwait(false);
        if (read == 0) return null;
        if (read < header.Length) throw new ProtocolException("the connection ended inside a frame header");
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 1 || length > maxLength)
            throw new ProtocolException($"a frame of {length} bytes is outside the limit of 1 to {maxLength} bytes");
        var payload = new byte[length];
        if (await ReadFullyAsync(stream, payload, cancellation).ConfigureAwait(false) < length)
            throw new ProtocolException("the connection ended inside a frame");
        return payload;
    }

    private static async Task<int> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellation)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[total..], cancellation).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
