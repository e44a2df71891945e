namespace Stencil.Fault.Tests;

/// <summary>How one <c>stencil</c> process ended.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool Killed)
{
    public const string CacheWarningCode = "STN4001";

    public bool SaidCacheBusy => Stderr.Contains("cache busy", StringComparison.OrdinalIgnoreCase);

    /// <summary>Functions the summary line says came from the cache, or -1 when there is no summary.</summary>
    public int CachedFunctions
    {
        get
        {
            var match = System.Text.RegularExpressions.Regex.Match(Stdout, @"(\d+) cached");
            return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        }
    }

    /// <summary>Fails, with both streams in the message, unless the build succeeded without a stack trace.</summary>
    public ProcessResult ExpectSuccess(string what)
    {
        Assert.AreEqual(0, ExitCode, $"{what}: exit code\n{Describe()}");
        Assert.IsFalse(Stderr.Contains("   at ", StringComparison.Ordinal), $"{what}: stack trace on stderr\n{Describe()}");
        return this;
    }

    public string Describe() => $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
