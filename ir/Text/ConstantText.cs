using System.Text;

namespace Stencil.Ir.Text;

/// <summary>Constant-pool data as CLIF writes it: one hexadecimal number whose least significant byte is
/// byte 0 (<c>0x0f0e...0100</c>), with optional <c>_</c> separators.</summary>
public static class ConstantText
{
    public static bool TryParseHexBytes(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length < 3 || text[0] != '0' || text[1] is not ('x' or 'X')) return false;
        var digits = new List<int>(text.Length);
        foreach (char c in text.AsSpan(2))
        {
            if (c == '_') continue;
            int d = c switch { >= '0' and <= '9' => c - '0', >= 'a' and <= 'f' => c - 'a' + 10, >= 'A' and <= 'F' => c - 'A' + 10, _ => -1 };
            if (d < 0) return false;
            digits.Add(d);
        }
        if (digits.Count == 0) return false;
        bytes = new byte[(digits.Count + 1) / 2];
        for (int i = 0; i < digits.Count; i++)
        {
            int fromEnd = digits.Count - 1 - i;
            bytes[fromEnd / 2] |= (byte)(digits[i] << (4 * (fromEnd % 2)));
        }
        return true;
    }

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(2 + bytes.Length * 2).Append("0x");
        for (int i = bytes.Length - 1; i >= 0; i--) sb.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
