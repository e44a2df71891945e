namespace Stencil.Testing;

/// <summary>
/// One thing expected not to pass: <see cref="Key"/> names it (<c>file.clif:LINE</c> for a directive, <c>file.clif</c>
/// for a whole file, <c>file.clif %name</c> for a function), <see cref="Outcome"/> says how it ends (<c>failed</c>,
/// <c>unsupported</c>, <c>does-not-parse</c>, ...), <see cref="Reason"/> why, in one stable line.
/// </summary>
public sealed record Expectation(string Key, string Outcome, string Reason)
{
    public const int MaxReasonLength = 200;

    /// <summary>Builds an entry whose reason is cut to one line of at most <see cref="MaxReasonLength"/> characters,
    /// with runs of white space (tabs and line breaks included) made one space.</summary>
    public static Expectation Of(string key, string outcome, string? reason)
    {
        var line = string.Join(' ', (reason ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length > MaxReasonLength) line = line[..(MaxReasonLength - 3)] + "...";
        return new Expectation(key.Trim(), outcome.Trim(), line);
    }

    public override string ToString() => $"{Key}\t{Outcome}\t{Reason}";
}
