using System.Globalization;

namespace Stencil.Cli;

/// <summary>UTC timestamps in tables, the same on every machine and culture.</summary>
public static class TimeText
{
    public static string Format(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "never";
}
