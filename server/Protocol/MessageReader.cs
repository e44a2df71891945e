using System.Buffers.Binary;
using System.Text;

namespace Stencil.Server.Protocol;

/// <summary>
/// Reads one message written by <see cref="MessageWriter"/>. Every length and count is checked against what is left and
/// against <see cref="ProtocolLimits"/> before use; anything out of place is a <see cref="ProtocolException"/>.
/// </summary>
public sealed class MessageReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _data;
    private int _position;

    public MessageReader(byte[] data)
    {
        _data = data;
        if (data.Length == 0) throw new ProtocolException("an empty message");
        Kind = (MessageKind)data[0];
        _position = 1;
    }

    public MessageKind Kind { get; }

    /// <summary>Throws unless <see cref="Kind"/> is <paramref name="expected"/>; a server's error reply says why it refused.</summary>
    public MessageReader Expect(MessageKind expected)
    {
        if (Kind == expected) return this;
        if (Kind == MessageKind.Error) throw new ProtocolException("the server refused the request: " + String());
        throw new ProtocolException($"expected a {expected} message, got kind {(byte)Kind}");
    }

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new ProtocolException($"a boolean field holds {b}"),
    };

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BitConverter.Int64BitsToDouble(Int64());

    public string? NullableString()
    {
        var length = Int32();
        if (length == -1) return null;
        if (length < 0 || length > ProtocolLimits.MaxStringBytes)
            throw new ProtocolException($"a string of {length} bytes is outside the limit");
        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException("a string is not valid UTF-8");
        }
    }

    public string String() => NullableString() ?? throw new ProtocolException("a required string is missing");

    public IReadOnlyList<string> Strings()
    {
        var count = Count(minimumBytesEach: 4);
        var values = new string[count];
        for (var i = 0; i < count; i++) values[i] = String();
        return values;
    }

    /// <summary>A list's length, which must fit in what is left at <paramref name="minimumBytesEach"/> per element.</summary>
    public int Count(int minimumBytesEach)
    {
        var count = Int32();
        if (count < 0 || count > ProtocolLimits.MaxListCount || (long)count * minimumBytesEach > _data.Length - _position)
            throw new ProtocolException($"a list of {count} elements does not fit the message");
        return count;
    }

    /// <summary>Throws unless every byte was read: trailing garbage is as wrong as missing fields.</summary>
    public void End()
    {
        if (_position != _data.Length)
            throw new ProtocolException($"{_data.Length - _position} bytes left over after the message");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position) throw new ProtocolException("the message is truncated");
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
