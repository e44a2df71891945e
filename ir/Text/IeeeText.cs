using System.Globalization;
using System.Numerics;
using System.Text;

namespace Stencil.Ir.Text;

/// <summary>
/// The CLIF text form of IEEE 754 binary16/32/64/128 immediates: hexadecimal significands
/// (<c>0x1.8p1</c>, <c>-0x0.4p-1022</c>, also unnormalized <c>0x4.2</c>), <c>0.0</c>/<c>-0.0</c>,
/// <c>Inf</c>, <c>NaN</c>, <c>NaN:0x&lt;payload&gt;</c> and <c>sNaN:0x&lt;payload&gt;</c>, each with an
/// optional sign. Parsing is exact: a literal that the format cannot represent exactly is rejected
/// rather than rounded, so text and bits correspond one to one. Bits are returned right-aligned in a
/// <see cref="UInt128"/>. Shared with the filetest runner, whose directives use the same literals.
/// </summary>
public static class IeeeText
{
    /// <summary>Parses a literal for a float of <paramref name="bits"/> = 16, 32, 64 or 128 bits.</summary>
    public static bool TryParse(string text, int bits, out UInt128 result, out string? error)
    {
        result = 0;
        if (!Layout(bits, out int w, out int t)) { error = $"no {bits}-bit float format"; return false; }
        UInt128 sign = 0;
        var s = text.AsSpan();
        if (s.Length > 0 && s[0] is '-' or '+') { if (s[0] == '-') sign = UInt128.One << (w + t); s = s[1..]; }
        UInt128 expAllOnes = ((UInt128.One << w) - 1) << t;
        UInt128 quiet = UInt128.One << (t - 1);
        if (s.SequenceEqual("0.0")) { result = sign; error = null; return true; }
        if (s.SequenceEqual("Inf")) { result = sign | expAllOnes; error = null; return true; }
        if (s.SequenceEqual("NaN")) { result = sign | expAllOnes | quiet; error = null; return true; }
        bool signaling = s.StartsWith("sNaN:0x");
        if (signaling || s.StartsWith("NaN:0x"))
        {
            var digits = s[(signaling ? 7 : 6)..];
            if (!TryParseHex(digits, out var payload) || payload >= quiet)
            { error = $"NaN payload must be 1 to {t - 1} bits of hexadecimal"; return false; }
            if (signaling && payload == 0) { error = "a signaling NaN needs a non-zero payload"; return false; }
            result = sign | expAllOnes | (signaling ? 0 : quiet) | payload;
            error = null;
            return true;
        }
        if (!s.StartsWith("0x") && !s.StartsWith("0X"))
        { error = "float immediates are hexadecimal (0x1.8p1), 0.0, Inf or NaN"; return false; }
        if (!TryParseHexFloat(s[2..], out var mant, out long exp2)) { error = "malformed hexadecimal float"; return false; }
        if (mant.IsZero) { result = sign; error = null; return true; }
        while (mant.IsEven) { mant >>= 1; exp2++; }
        long len = (long)mant.GetBitLength();
        long e = len - 1 + exp2;
        long bias = (1L << (w - 1)) - 1, emin = 1 - bias;
        if (e > bias) { error = $"magnitude too large for f{bits}"; return false; }
        if (e >= emin)
        {
            if (len - 1 > t) { error = $"too many significant bits for f{bits}"; return false; }
            var frac = (UInt128)(mant - (BigInteger.One << (int)(len - 1))) << (int)(t - (len - 1));
            result = sign | ((UInt128)(ulong)(e + bias) << t) | frac;
            error = null;
            return true;
        }
        long shift = exp2 - (emin - t);
        if (shift < 0) { error = $"magnitude too small for f{bits} (subnormal underflow)"; return false; }
        result = sign | ((UInt128)mant << (int)shift);
        error = null;
        return true;
    }

    /// <summary>The canonical text of a float's bits, as the CLIF writer prints it.</summary>
    public static string Format(UInt128 value, int bits)
    {
        if (!Layout(bits, out int w, out int t)) throw new ArgumentOutOfRangeException(nameof(bits));
        UInt128 tMask = (UInt128.One << t) - 1;
        UInt128 frac = value & tMask;
        int eBits = (int)((value >> t) & (UInt128)((1 << w) - 1));
        bool negative = ((value >> (w + t)) & 1) != 0;
        int bias = (1 << (w - 1)) - 1;
        int digits = (t + 3) / 4;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (eBits == 0)
        {
            if (frac == 0) return sb.Append("0.0").ToString();
            return sb.Append("0x0.").Append(Hex(frac << (4 * digits - t), digits)).Append('p').Append(1 - bias).ToString();
        }
        if (eBits == (1 << w) - 1)
        {
            if (!negative) sb.Append('+');
            if (frac == 0) return sb.Append("Inf").ToString();
            UInt128 quiet = UInt128.One << (t - 1);
            UInt128 payload = frac & (quiet - 1);
            if ((frac & quiet) != 0) return payload == 0 ? sb.Append("NaN").ToString() : sb.Append("NaN:0x").Append(Hex(payload, 1)).ToString();
            return sb.Append("sNaN:0x").Append(Hex(payload, 1)).ToString();
        }
        return sb.Append("0x1.").Append(Hex(frac << (4 * digits - t), digits)).Append('p').Append(eBits - bias).ToString();
    }

    private static bool Layout(int bits, out int w, out int t)
    {
        (w, t) = bits switch { 16 => (5, 10), 32 => (8, 23), 64 => (11, 52), 128 => (15, 112), _ => (0, 0) };
        return w != 0;
    }

    private static string Hex(UInt128 v, int minDigits) => v.ToString("x" + minDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static bool TryParseHex(ReadOnlySpan<char> s, out UInt128 value)
    {
        value = 0;
        int n = 0;
        foreach (char c in s)
        {
            if (c == '_') continue;
            int d = HexValue(c);
            if (d < 0 || value >> 124 != 0) return false;
            value = (value << 4) | (uint)d;
            n++;
        }
        return n > 0;
    }

    /// <summary><c>H*[.H*][p[+-]D+]</c> after the <c>0x</c>: value = <paramref name="mant"/> * 2^<paramref name="exp2"/>.</summary>
    private static bool TryParseHexFloat(ReadOnlySpan<char> s, out BigInteger mant, out long exp2)
    {
        mant = BigInteger.Zero;
        exp2 = 0;
        int i = 0, digits = 0;
        bool seenDot = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_') continue;
            if (c == '.') { if (seenDot) return false; seenDot = true; continue; }
            int d = HexValue(c);
            if (d < 0) break;
            if (digits > 64) return false; // far beyond any format's precision
            mant = (mant << 4) | d;
            digits++;
            if (seenDot) exp2 -= 4;
        }
        if (digits == 0) return false;
        if (i == s.Length) return true;
        if (s[i] is not ('p' or 'P')) return false;
        var e = s[(i + 1)..];
        if (!int.TryParse(e, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int pexp) || Math.Abs((long)pexp) > 100_000)
            return false;
        exp2 += pexp;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
