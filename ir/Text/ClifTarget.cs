namespace Stencil.Ir.Text;

/// <summary>
/// A <c>target &lt;triple&gt; [flags]</c> header line. <see cref="SharedSettings"/> are the <c>set</c> items
/// in force at this line (they apply cumulatively to the targets that follow them).
/// </summary>
public sealed record ClifTarget(string Triple, IReadOnlyList<ClifSetting> Flags, IReadOnlyList<ClifSetting> SharedSettings, ClifLocation Location);
