using System.Text;

namespace Stencil.Engine.Object;

/// <summary>An ELF string table: NUL-terminated UTF-8 strings, offset 0 being the empty string. Equal
/// strings share one entry; entries appear in first-use order, so the bytes depend only on the calls.</summary>
internal sealed class ElfStringTable
{
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<byte> _bytes = [0];

    public uint Add(string text)
    {
        if (_offsets.TryGetValue(text, out var offset)) return offset;
        offset = (uint)_bytes.Count;
        _bytes.AddRange(Encoding.UTF8.GetBytes(text));
        _bytes.Add(0);
        _offsets.Add(text, offset);
        return offset;
    }

    public byte[] ToArray() => [.. _bytes];
}
