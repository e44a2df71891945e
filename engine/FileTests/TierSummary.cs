using System.Globalization;

namespace Stencil.Engine.FileTests;

/// <summary>Directive outcomes of the files of one manifest tier.</summary>
public sealed record TierSummary(string Tier, int Files, int Passed, int Failed, int Unsupported)
{
    public int Total => Passed + Failed + Unsupported;

    /// <summary>Share of the tier's directives that passed, 0 to 100 (100 for an empty tier).</summary>
    public double PassPercent => Total == 0 ? 100 : 100.0 * Passed / Total;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"tier {Tier}: {Files} files, {Passed} passed, {Failed} failed, {Unsupported} unsupported ({PassPercent:F1}% passed)");
}
