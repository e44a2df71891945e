using System.Buffers.Binary;
using System.Text;

namespace Stencil.Server.Protocol;

/// <summary>Builds one message: its kind, then fields in a fixed order (little-endian integers, length-prefixed UTF-8).</summary>
public sealed class MessageWriter
{
    private readonly MemoryStream _buffer = new();

    public MessageWriter(MessageKind kind) => _buffer.WriteByte((byte)kind);

    public byte[] ToArray() => _buffer.ToArray();

    public MessageWriter Byte(byte value)
    {
        _buffer.WriteByte(value);
        return this;
    }

    public MessageWriter Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public MessageWriter Int32(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public MessageWriter Int64(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public MessageWriter Double(double value) => Int64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>A string, or null (length -1).</summary>
    public MessageWriter String(string? value)
    {
        if (value is null) return Int32(-1);
        var bytes = Encoding.UTF8.GetBytes(value);
        Int32(bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    public MessageWriter Strings(IReadOnlyCollection<string> values)
    {
        Int32(values.Count);
        foreach (var value in values) String(value);
        return this;
    }
}
