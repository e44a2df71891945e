using System.Globalization;
using System.Text;

namespace Stencil.Ir.Text;

/// <summary>Integer literals of CLIF text (<c>42</c>, <c>-7</c>, <c>+8</c>, <c>0xffff_0000</c>, <c>-0x10</c>)
/// and the canonical forms the writer prints.</summary>
public static class IntegerText
{
    /// <summary>Parses to the mathematical value; false for malformed text or a magnitude of 2^128 or more.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Int128 value)
    {
        value = 0;
        if (!TryParseMagnitude(s, out var negative, out var mag) || mag > (UInt128)Int128.MaxValue) return false;
        value = negative ? -(Int128)mag : (Int128)mag;
        return true;
    }

    /// <summary>Parses to 128 two's-complement bits: any magnitude below 2^128 (<c>0xffff...ffff</c> of an <c>i128</c>
    /// included), a minus sign negating modulo 2^128. Run directives' literals are read this way.</summary>
    public static bool TryParseBits(ReadOnlySpan<char> s, out UInt128 bits)
    {
        bits = 0;
        if (!TryParseMagnitude(s, out var negative, out var mag)) return false;
        bits = negative ? UInt128.Zero - mag : mag;
        return true;
    }

    /// <summary>An optional sign, then decimal or <c>0x</c> hexadecimal digits with optional <c>_</c> separators.</summary>
    private static bool TryParseMagnitude(ReadOnlySpan<char> s, out bool negative, out UInt128 mag)
    {
        negative = false;
        mag = 0;
        if (s.Length > 0 && s[0] is '+' or '-') { negative = s[0] == '-'; s = s[1..]; }
        int digits = 0;
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X')
        {
            foreach (char c in s[2..])
            {
                if (c == '_') continue;
                int d = c switch { >= '0' and <= '9' => c - '0', >= 'a' and <= 'f' => c - 'a' + 10, >= 'A' and <= 'F' => c - 'A' + 10, _ => -1 };
                if (d < 0 || mag >> 124 != 0) return false;
                mag = (mag << 4) | (uint)d;
                digits++;
            }
        }
        else
        {
            foreach (char c in s)
            {
                if (c == '_') continue;
                if (c is < '0' or > '9') return false;
                if (mag > (UInt128.MaxValue - 9) / 10) return false;
                mag = mag * 10 + (uint)(c - '0');
                digits++;
            }
        }
        return digits > 0;
    }

    /// <summary>True when <paramref name="v"/> fits <paramref name="bits"/> bits as a signed or an unsigned integer.</summary>
    public static bool FitsSignedOrUnsigned(Int128 v, int bits) =>
        bits >= 128 || (v >= -(Int128.One << (bits - 1)) && v <= (Int128.One << bits) - 1);

    /// <summary>An <c>imm64</c> the way Cranelift prints one: decimal when small, else grouped hexadecimal of the bits.</summary>
    public static string FormatImm64(long x) =>
        x > -10_000 && x < 10_000 ? x.ToString(CultureInfo.InvariantCulture) : FormatHex((ulong)x);

    /// <summary>An <c>offset32</c>: empty for zero, else with an explicit sign.</summary>
    public static string FormatOffset(long offset)
    {
        if (offset == 0) return "";
        ulong mag = offset < 0 ? (ulong)(-offset) : (ulong)offset;
        return (offset < 0 ? "-" : "+") + (mag < 10_000 ? mag.ToString(CultureInfo.InvariantCulture) : FormatHex(mag));
    }

    /// <summary><c>0x</c> and groups of four hex digits separated by <c>_</c>: <c>0x0001_0000</c>.</summary>
    public static string FormatHex(ulong x)
    {
        int pos = ((64 - System.Numerics.BitOperations.LeadingZeroCount(x | 1) - 1) / 16) * 16;
        var sb = new StringBuilder("0x");
        sb.Append(((x >> pos) & 0xffff).ToString("x4", CultureInfo.InvariantCulture));
        while (pos > 0)
        {
            pos -= 16;
            sb.Append('_').Append(((x >> pos) & 0xffff).ToString("x4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
