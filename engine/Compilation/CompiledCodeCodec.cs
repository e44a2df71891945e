using System.Buffers;
using System.Buffers.Binary;
using Stencil.Ir;
using Stencil.Ir.Keys;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Compilation;

/// <summary>
/// Versioned binary form of <see cref="CompiledCodeStencil"/> for the cache. Decoding validates every
/// field (offsets inside the code, relocation kinds that <see cref="RelocTable"/> lists with their whole field inside
/// the code, known enum values, no trailing bytes) and never throws: anything odd is simply "not decodable", which the
/// build treats as a cache miss. A relocation kind is stored as its <see cref="Reloc"/> number.
/// </summary>
public static class CompiledCodeCodec
{
    public const int FormatVersion = 1;
    private const uint Magic = 0x434E5453; // "STNC" little-endian

    public static byte[] Encode(CompiledCodeStencil c)
    {
        var buffer = new ArrayBufferWriter<byte>(c.Code.Length + 64);
        Encode(c, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Encode(CompiledCodeStencil c, IBufferWriter<byte> output)
    {
        var head = output.GetSpan(8);
        BinaryPrimitives.WriteUInt32LittleEndian(head, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], FormatVersion);
        output.Advance(8);
        var w = new CanonicalWriter(output);
        w.WriteBytes(c.Code);
        w.WriteVarUInt((ulong)c.Relocs.Count);
        foreach (var r in c.Relocs)
        {
            w.WriteVarUInt(r.Offset);
            w.WriteByte((byte)r.Kind);
            w.WriteByte((byte)r.Target.Kind);
            w.WriteVarUInt(r.Target.Payload);
            w.WriteVarInt(r.Addend);
        }
        w.WriteVarUInt((ulong)c.Traps.Count);
        foreach (var t in c.Traps) { w.WriteVarUInt(t.Offset); w.WriteByte(t.Code.Value); }
        w.WriteVarUInt((ulong)c.SrcLocs.Count);
        foreach (var s in c.SrcLocs) { w.WriteVarUInt(s.Start); w.WriteVarUInt(s.End); w.WriteVarUInt(s.Loc.Offset); }
        w.WriteVarUInt(c.FrameSize);
        w.WriteVarUInt((ulong)c.Alignment);
    }

    public static bool TryDecode(ReadOnlySpan<byte> data, out CompiledCodeStencil? result)
    {
        result = null;
        if (data.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic || BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) != FormatVersion)
            return false;
        var r = new CanonicalReader(data[8..]);
        if (!r.TryReadBytes(out var code)) return false;
        uint codeLen = (uint)code.Length;

        if (!r.TryReadCount(out int nRelocs)) return false;
        // Most functions have no relocations or source locations: those share one empty array.
        var relocs = nRelocs == 0 ? [] : new MachReloc[nRelocs];
        for (int i = 0; i < nRelocs; i++)
        {
            if (!r.TryReadUInt32(out var off) || !r.TryReadByte(out var kind) || !r.TryReadByte(out var tkind) ||
                !r.TryReadUInt32(out var payload) || !r.TryReadVarInt(out var addend)) return false;
            if (!RelocTable.TryGet((Reloc)kind, out var info) || off + (ulong)info.Width > codeLen || !TryMakeName((ExternalNameKind)tkind, payload, out var target)) return false;
            relocs[i] = new MachReloc(off, (Reloc)kind, target, addend);
        }
        if (!r.TryReadCount(out int nTraps)) return false;
        var traps = nTraps == 0 ? [] : new MachTrap[nTraps];
        for (int i = 0; i < nTraps; i++)
        {
            if (!r.TryReadUInt32(out var off) || !r.TryReadByte(out var code8) || off > codeLen) return false;
            traps[i] = new MachTrap(off, new TrapCode(code8));
        }
        if (!r.TryReadCount(out int nLocs)) return false;
        var locs = nLocs == 0 ? [] : new MachSrcLoc[nLocs];
        for (int i = 0; i < nLocs; i++)
        {
            if (!r.TryReadUInt32(out var s) || !r.TryReadUInt32(out var e) || !r.TryReadUInt32(out var l) || s > e || e > codeLen) return false;
            locs[i] = new MachSrcLoc(s, e, new RelSourceLoc(l));
        }
        if (!r.TryReadUInt32(out var frame) || !r.TryReadUInt32(out var align) || align == 0 || align > 4096 || !r.AtEnd) return false;
        result = new CompiledCodeStencil(code, relocs, traps, locs, frame, (int)align);
        return true;
    }

    private static bool TryMakeName(ExternalNameKind kind, uint payload, out ExternalName name)
    {
        name = default;
        switch (kind)
        {
            case ExternalNameKind.User: name = ExternalName.FromUser(new UserExternalNameRef(payload)); return true;
            case ExternalNameKind.LibCall when payload <= byte.MaxValue && Enum.IsDefined((LibCall)payload): name = ExternalName.FromLibCall((LibCall)payload); return true;
            case ExternalNameKind.KnownSymbol when payload <= byte.MaxValue && Enum.IsDefined((KnownSymbol)payload): name = ExternalName.FromKnownSymbol((KnownSymbol)payload); return true;
            default: return false;
        }
    }
}
