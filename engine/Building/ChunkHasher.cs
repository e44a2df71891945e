using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Engine.Building;

/// <summary>
/// The digest a build knows one function's text by (<see cref="Compilation.ModuleFunction.ChunkDigest"/>): SHA-256 of
/// a version tag, the header lines of the file, and the function's chunk with its <c>%name</c> cut out. Two chunks
/// with one digest parse to the same stencil and the same parameters but for the name: the chunk's text is all the
/// reader looks at, its place in the file moves only diagnostics (source locations in the IR are relative to the
/// function), and the header lines are in because a file's <c>set</c> and <c>target</c> lines state what its text
/// was written for. Cutting the name out is what lets a copy under another name share the work of the original.
/// One instance serves the chunks of one file, on one thread.
/// </summary>
internal sealed class ChunkHasher : IDisposable
{
    // A new tag whenever what the digest covers changes: digests from older builds then simply stop matching.
    private const string Version = "stencil chunk v1";

    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _header;

    public ChunkHasher(ClifPreamble preamble) => _header = EncodeHeader(preamble);

    public CacheKey Digest(string text, ClifChunk chunk)
    {
        _sha.AppendData(_header);
        // White space at the end separates tokens from nothing, and leaving it out lets the last function of a file,
        // which has no line break after it, share with its copies elsewhere. It stops at the name, which is no space.
        int end = chunk.End;
        while (end > chunk.Start && text[end - 1] is ' ' or '\t' or '\f' or '\v' or '\r' or '\n') end--;
        Span<byte> shape = stackalloc byte[5];
        // Whether a name was cut, and where: so no chunk without a `%name` can pass for one that had it cut.
        shape[0] = chunk.HasSymbolName ? (byte)1 : (byte)0;
        int cut = chunk.HasSymbolName ? chunk.NameStart : end;
        BinaryPrimitives.WriteInt32LittleEndian(shape[1..], cut - chunk.Start);
        _sha.AppendData(shape);
        // The text as UTF-16 in the machine's byte order, with no copy: on a machine of the other order digests
        // merely differ, so they miss; they never match wrongly.
        _sha.AppendData(MemoryMarshal.AsBytes(text.AsSpan(chunk.Start, cut - chunk.Start)));
        if (chunk.HasSymbolName)
        {
            int after = chunk.NameStart + chunk.NameLength;
            _sha.AppendData(MemoryMarshal.AsBytes(text.AsSpan(after, end - after)));
        }
        Span<byte> digest = stackalloc byte[CacheKey.Size];
        _sha.GetHashAndReset(digest);
        return new CacheKey(digest);
    }

    public void Dispose() => _sha.Dispose();

    /// <summary>The header lines by what they say, not where: a comment or a blank line added above them changes nothing.</summary>
    private static byte[] EncodeHeader(ClifPreamble preamble)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var w = new CanonicalWriter(buffer);
        w.WriteString(Version);
        w.WriteVarUInt((ulong)preamble.TestCommands.Count);
        foreach (var test in preamble.TestCommands)
        {
            w.WriteString(test.Name);
            w.WriteVarUInt((ulong)test.Options.Count);
            foreach (var option in test.Options) w.WriteString(option);
        }
        WriteSettings(w, preamble.Settings);
        w.WriteVarUInt((ulong)preamble.Targets.Count);
        foreach (var target in preamble.Targets)
        {
            w.WriteString(target.Triple);
            WriteSettings(w, target.Flags);
            WriteSettings(w, target.SharedSettings);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSettings(CanonicalWriter w, IReadOnlyList<ClifSetting> settings)
    {
        w.WriteVarUInt((ulong)settings.Count);
        foreach (var s in settings)
        {
            w.WriteString(s.Name);
            w.WriteByte(s.Value is null ? (byte)0 : (byte)1);
            if (s.Value is not null) w.WriteString(s.Value);
        }
    }
}
