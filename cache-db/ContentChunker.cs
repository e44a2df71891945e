namespace Stencil.CacheDb;

/// <summary>
/// Splits bytes into pieces at places chosen by their content (a gear rolling hash, as in FastCDC), not by offset:
/// an edit in the middle, or bytes inserted or removed, changes only the pieces around it and the rest are cut exactly
/// as before. That is what lets a rewritten build manifest, which differs from the stored one in a few places, be
/// stored by writing those few pieces.
/// </summary>
internal static class ContentChunker
{
    public const int MinPiece = 8 * 1024;
    public const int MaxPiece = 64 * 1024;
    /// <summary>A cut where the top bits of the hash are zero: 15 bits give pieces of about 32 KiB past the minimum.</summary>
    private const ulong CutMask = ~0UL << (64 - 13);

    private static readonly ulong[] s_gear = MakeGear();

    /// <summary>The pieces of <paramref name="data"/>, in order, covering all of it.</summary>
    public static List<Range> Split(ReadOnlySpan<byte> data)
    {
        var pieces = new List<Range>();
        int start = 0;
        while (start < data.Length)
        {
            int end = CutAfter(data[start..]) + start;
            pieces.Add(start..end);
            start = end;
        }
        return pieces;
    }

    private static int CutAfter(ReadOnlySpan<byte> data)
    {
        if (data.Length <= MinPiece) return data.Length;
        int limit = Math.Min(data.Length, MaxPiece);
        ulong hash = 0;
        // Bytes before the minimum still feed the hash, so where a cut falls depends on content alone.
        for (int i = MinPiece - 64; i < limit; i++)
        {
            hash = (hash << 1) + s_gear[data[i]];
            if (i >= MinPiece && (hash & CutMask) == 0) return i + 1;
        }
        return limit;
    }

    /// <summary>Fixed pseudo-random values (SplitMix64): stored pieces stay reusable only while the cuts never change.</summary>
    private static ulong[] MakeGear()
    {
        var gear = new ulong[256];
        ulong state = 0x5354_4E43_4443_0001; // arbitrary, fixed
        for (int i = 0; i < gear.Length; i++)
        {
            ulong z = state += 0x9E37_79B9_7F4A_7C15;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
            gear[i] = z ^ (z >> 31);
        }
        return gear;
    }
}
