using System.Buffers.Binary;
using Stencil.Ir;

namespace Stencil.Engine.Object;

/// <summary>Writes the fields of ELF records in the object's byte order (<see cref="ElfMachine.ByteOrder"/>): every
/// multi-byte field of the header, section headers, symbols and relocations goes through here.</summary>
internal readonly struct ElfFields(Endianness order)
{
    private readonly bool _big = order == Endianness.Big;

    public void U16(Span<byte> s, ushort value)
    {
        if (_big) BinaryPrimitives.WriteUInt16BigEndian(s, value); else BinaryPrimitives.WriteUInt16LittleEndian(s, value);
    }

    public void U32(Span<byte> s, uint value)
    {
        if (_big) BinaryPrimitives.WriteUInt32BigEndian(s, value); else BinaryPrimitives.WriteUInt32LittleEndian(s, value);
    }

    public void U64(Span<byte> s, ulong value)
    {
        if (_big) BinaryPrimitives.WriteUInt64BigEndian(s, value); else BinaryPrimitives.WriteUInt64LittleEndian(s, value);
    }

    public void I64(Span<byte> s, long value) => U64(s, (ulong)value);
}
