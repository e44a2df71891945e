using System.Globalization;

namespace Stencil.CacheDb;

/// <summary>Sizes as people type them: <c>1048576</c>, <c>512KB</c>, <c>10MB</c>, <c>1.5GiB</c> (binary multiples: 1 KB = 1024 bytes).</summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Multiplier)[] Units =
    [
        ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("TIB", 1L << 40),
        ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("TB", 1L << 40),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40),
        ("B", 1),
    ];

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var s = (text ?? "").Trim().ToUpperInvariant();
        long multiplier = 1;
        foreach (var (suffix, value) in Units)
        {
            if (!s.EndsWith(suffix, StringComparison.Ordinal)) continue;
            multiplier = value;
            s = s[..^suffix.Length].TrimEnd();
            break;
        }
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
        var total = number * multiplier;
        if (total > long.MaxValue) return false;
        bytes = (long)decimal.Floor(total);
        return true;
    }

    /// <summary>Short human form for tables: <c>812 B</c>, <c>3.4 KiB</c>, <c>10.0 MiB</c>.</summary>
    public static string Format(long bytes)
    {
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
