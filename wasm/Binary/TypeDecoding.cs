using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Binary;

/// <summary>Reads the type encodings shared by sections and instructions: value, reference and block types, limits.</summary>
public static class TypeDecoding
{
    public static ValType ReadValueType(this WasmReader reader)
    {
        int at = reader.Position;
        byte b = reader.ReadByte();
        return b switch
        {
            0x7F or 0x7E or 0x7D or 0x7C or 0x70 or 0x6F => (ValType)b,
            0x7B => throw WasmError.Unsupported(reader.File, at, "SIMD (v128)"),
            _ => throw reader.MalformedAt(at, "malformed value type"),
        };
    }

    public static ValType ReadReferenceType(this WasmReader reader)
    {
        int at = reader.Position;
        byte b = reader.ReadByte();
        return b is 0x70 or 0x6F ? (ValType)b : throw reader.MalformedAt(at, "malformed reference type");
    }

    /// <summary>Limits with the flags byte; shared memories (threads) and 64-bit memories are refused by name.</summary>
    public static Limits ReadLimits(this WasmReader reader)
    {
        int at = reader.Position;
        byte flags = reader.ReadByte();
        switch (flags)
        {
            case 0: return new Limits(reader.ReadU32(), null);
            case 1:
                uint min = reader.ReadU32();
                return new Limits(min, reader.ReadU32());
            case 2 or 3: throw WasmError.Unsupported(reader.File, at, "threads (shared memory)");
            case >= 4 and <= 7: throw WasmError.Unsupported(reader.File, at, "memory64");
            default: throw reader.MalformedAt(at, "integer too large");
        }
    }
}
