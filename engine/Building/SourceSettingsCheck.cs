using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Building;

/// <summary>
/// The rules for a source's own <c>set</c> and <c>target</c> lines, one implementation for every front end: the sources of
/// one object are compiled by one code generator, so a <c>set</c> item must be a setting <see cref="IsaFlags"/> accepts
/// (else STN4004 at the item) and must not give a setting another value than the build's (STN4004 at the item; values
/// compare as parsed, so <c>is_pic</c>, <c>is_pic=1</c> and <c>is_pic=true</c> agree); within a file a later item
/// overrides an earlier one, as Cranelift applies them in order. A file with <c>target</c> lines must name the build's
/// architecture (STN4003 at its first target line). The ISA flags on a target line (<c>has_avx</c>, <c>sse41</c>, ...)
/// only permit instructions; Stencil emits baseline x86-64 code, which runs on every such CPU, so they are accepted.
/// <para>
/// <see cref="ProjectBuilder"/> only checks (its settings are fixed by the request before any file is read); the CLI's
/// <c>compile</c> and <c>disasm</c> first let files supply settings the command line leaves open, with the same helpers.
/// </para>
/// </summary>
/// <param name="origin">Where the build's settings come from, for messages: "the project (StencilOptLevel/StencilSettings)".</param>
public sealed class SourceSettingsCheck(TargetTriple triple, IsaFlags flags, string origin)
{
    /// <summary>Adds a diagnostic for each <c>set</c> item of one file that the build cannot honour, and for its targets.</summary>
    public void Check(IReadOnlyList<ClifSetting> settings, IReadOnlyList<ClifTarget> targets, string path, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (CheckTargets(targets, triple, path) is { } wrongTarget) diagnostics.Add(wrongTarget);
        foreach (var (item, value) in LastOfEach(settings, diagnostics))
        {
            var effective = flags.Entries.FirstOrDefault(e => e.Name == item.Name).Value;
            // A setting without an entry changes nothing (unwind_info=false), so every value it accepts agrees with the build.
            if (effective is not null && effective != value)
                diagnostics.Add(Conflict(item, $"{item.Name}={effective} from {origin}; the sources of one object share their settings"));
        }
    }

    /// <summary>
    /// The file's effective items: for each setting the last item naming it with its canonical value, in the order the
    /// items stand. An item <see cref="IsaFlags"/> refuses is reported (STN4004) and left out.
    /// </summary>
    public static List<(ClifSetting Item, string Value)> LastOfEach(IReadOnlyList<ClifSetting> settings, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var last = new Dictionary<string, (ClifSetting Item, string Value)>(StringComparer.Ordinal);
        foreach (var item in settings)
        {
            if (TryCanonical(item, out var value, out var error)) last[item.Name] = (item, value);
            else diagnostics.Add(error!);
        }
        return [.. last.Values.OrderBy(e => e.Item.Location.Line).ThenBy(e => e.Item.Location.Column)];
    }

    /// <summary>The value <see cref="IsaFlags"/> gives the item's setting (empty for one without an entry), or STN4004 at the item.</summary>
    public static bool TryCanonical(ClifSetting item, out string canonical, out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(item);
        error = TryCanonical(item.Name, item.Value, out canonical, out var message) ? null : At(item.Location, message!);
        return error is null;
    }

    /// <summary>The value <see cref="IsaFlags"/> gives setting <paramref name="name"/> (empty for one without an entry), or why it refuses it.</summary>
    public static bool TryCanonical(string name, string? value, out string canonical, out string? error)
    {
        canonical = "";
        if (!IsaFlags.Default.TrySet(name, value, out var set, out error)) return false;
        canonical = set.Entries.FirstOrDefault(e => e.Name == name).Value ?? "";
        return true;
    }

    /// <summary>STN4003 at the first <c>target</c> line when there are some and none names <paramref name="triple"/>'s architecture.</summary>
    public static Diagnostic? CheckTargets(IReadOnlyList<ClifTarget> targets, TargetTriple triple, string path)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) return null;
        if (targets.Any(t => TargetTriple.TryParse(t.Triple, out var named) && named.Architecture == triple.Architecture)) return null;
        var first = targets[0].Location;
        return Diagnostic.Error(BuildDiagnosticCodes.InvalidTarget,
            $"this file is for {string.Join(", ", targets.Select(t => t.Triple).Distinct())}, not the build's target `{triple}`",
            first.File ?? path, first.Line, first.Column);
    }

    /// <summary>STN4004 at <paramref name="item"/>: "`set name=value` conflicts with <paramref name="what"/>".</summary>
    public static Diagnostic Conflict(ClifSetting item, string what)
    {
        ArgumentNullException.ThrowIfNull(item);
        return At(item.Location, $"`set {Text(item)}` conflicts with {what}");
    }

    /// <summary>The item as written: <c>name</c> or <c>name=value</c>.</summary>
    public static string Text(ClifSetting item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Value is null ? item.Name : $"{item.Name}={item.Value}";
    }

    private static Diagnostic At(ClifLocation where, string message) =>
        Diagnostic.Error(BuildDiagnosticCodes.InvalidSetting, message, where.File, where.Line, where.Column);
}
