using System.Runtime.InteropServices;
using System.Text;

namespace Stencil.Engine.Object;

/// <summary>An ELF string table: NUL-terminated UTF-8 strings, offset 0 being the empty string. Equal
/// strings share one entry; entries appear in first-use order, so the bytes depend only on the calls.</summary>
internal sealed class ElfStringTable : IElfSectionBody
{
    private readonly Dictionary<string, uint> _offsets;
    private byte[] _bytes;

    /// <param name="expectedStrings">How many strings will be added, to size the table once.</param>
    public ElfStringTable(int expectedStrings = 0)
    {
        _offsets = new Dictionary<string, uint>(expectedStrings + 1, StringComparer.Ordinal) { [""] = 0 };
        // Symbol names are mostly short; a longer one grows the buffer.
        _bytes = new byte[Math.Max(64, expectedStrings * 16)];
        Length = 1;
    }

    public int Length { get; private set; }

    public uint Add(string text)
    {
        ref var offset = ref CollectionsMarshal.GetValueRefOrAddDefault(_offsets, text, out var exists);
        if (exists) return offset;
        offset = (uint)Length;
        EnsureRoom(Encoding.UTF8.GetMaxByteCount(text.Length) + 1);
        Length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(Length));
        _bytes[Length++] = 0;
        return offset;
    }

    public void WriteTo(Span<byte> destination) => _bytes.AsSpan(0, Length).CopyTo(destination);

    private void EnsureRoom(int count)
    {
        if (_bytes.Length - Length >= count) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, checked(Length + count)));
    }
}
