using Stencil.Engine.Building;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>
/// The settings <c>compile</c> and <c>disasm</c> run with: the command line's <c>--set</c> items, then the <c>set</c>
/// lines of every source. The rules are the build's (<see cref="SourceSettingsCheck"/>); what this adds is that a
/// setting the command line does not give may come from a file: a setting a file does not name takes the value the
/// command line or another file gives it, and a file that gives it a different value than the command line or an
/// earlier file is error STN4004 at that <c>set</c> item (compile such files separately).
/// </summary>
public static class SourceSettings
{
    /// <summary>The command line's settings followed by the files' (as <c>name=value</c>), or null after reporting why not.</summary>
    public static List<string>? TryMerge(IReadOnlyList<string> paths, TargetTriple triple, IReadOnlyList<string> commandLine, List<Diagnostic> diagnostics)
    {
        var fromCommandLine = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in IsaFlags.Items(commandLine))
            if (SourceSettingsCheck.TryCanonical(name, value, out var canonical, out _)) fromCommandLine[name] = canonical;

        var chosen = new Dictionary<string, (string Value, ClifSetting Item)>(StringComparer.Ordinal);
        var order = new List<string>();
        int errors = diagnostics.Count;
        foreach (var path in paths)
        {
            if (!TryReadPreamble(path, diagnostics, out var preamble)) continue;
            if (SourceSettingsCheck.CheckTargets(preamble.Targets, triple, path) is { } wrongTarget) diagnostics.Add(wrongTarget);
            foreach (var (item, value) in SourceSettingsCheck.LastOfEach(preamble.Settings, diagnostics))
            {
                var name = item.Name;
                if (fromCommandLine.TryGetValue(name, out var given))
                {
                    if (given != value) diagnostics.Add(SourceSettingsCheck.Conflict(item, $"`--set {name}={given}` on the command line"));
                    continue;
                }
                if (chosen.TryGetValue(name, out var earlier))
                {
                    if (earlier.Value != value)
                        diagnostics.Add(SourceSettingsCheck.Conflict(item, $"`{SourceSettingsCheck.Text(earlier.Item)}` at {earlier.Item.Location}; "
                            + "the sources of one object share their settings, so compile these files separately"));
                    continue;
                }
                chosen[name] = (value, item);
                order.Add(name);
            }
        }
        if (diagnostics.Count > errors) return null;
        return [.. commandLine, .. order.Select(name => SourceSettingsCheck.Text(chosen[name].Item))];
    }

    private static bool TryReadPreamble(string path, List<Diagnostic> diagnostics, out ClifPreamble preamble)
    {
        preamble = null!;
        try
        {
            var text = File.ReadAllText(path);
            preamble = ClifReader.ParsePreamble(text, ClifReader.Outline(text), path);
            return true;
        }
        catch (DiagnosticException e)
        {
            diagnostics.Add(e.Diagnostic.File is null ? e.Diagnostic with { File = path } : e.Diagnostic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.FileNotFound, $"cannot read the source: {e.Message}", path));
        }
        return false;
    }
}
