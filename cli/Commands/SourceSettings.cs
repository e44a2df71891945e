using Stencil.Engine.Building;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Cli.Commands;

/// <summary>
/// The settings <c>compile</c> and <c>disasm</c> run with: the command line's <c>--set</c> items, then the <c>set</c>
/// lines of every source. The sources of one compile become one object made by one code generator, so they share
/// their settings: a setting a file does not name takes the value the command line or another file gives it, and a
/// file that gives it a different value than the command line or an earlier file is error STN4004 at that
/// <c>set</c> item (compile such files separately). An unknown setting in a file is STN4004 as on the command line.
/// A file with <c>target</c> lines must name the compile's architecture (STN4003). The ISA flags on a target line
/// (<c>has_avx</c>, <c>sse41</c>, ...) only permit instructions; Stencil emits baseline x86-64 code, which runs on
/// every such CPU, so they are accepted and need nothing.
/// </summary>
public static class SourceSettings
{
    /// <summary>The command line's settings followed by the files' (as <c>name=value</c>), or null after reporting why not.</summary>
    public static List<string>? TryMerge(IReadOnlyList<string> paths, TargetTriple triple, IReadOnlyList<string> commandLine, List<Diagnostic> diagnostics)
    {
        var fromCommandLine = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in IsaFlags.Items(commandLine))
            if (Canonical(name, value, out var canonical, out _)) fromCommandLine[name] = canonical;

        var chosen = new Dictionary<string, (string Value, ClifSetting Item)>(StringComparer.Ordinal);
        var order = new List<string>();
        int errors = diagnostics.Count;
        foreach (var path in paths)
        {
            if (!TryReadPreamble(path, diagnostics, out var preamble)) continue;
            CheckTargets(preamble, triple, path, diagnostics);
            // Within a file, a later set line overrides an earlier one, as Cranelift applies them in order.
            var file = new Dictionary<string, (string Value, ClifSetting Item)>(StringComparer.Ordinal);
            foreach (var item in preamble.Settings)
            {
                if (!Canonical(item.Name, item.Value, out var canonical, out var error))
                    diagnostics.Add(At(item.Location, error));
                else file[item.Name] = (canonical, item);
            }
            foreach (var (name, (value, item)) in file.OrderBy(e => e.Value.Item.Location.Line).ThenBy(e => e.Value.Item.Location.Column))
            {
                if (fromCommandLine.TryGetValue(name, out var given))
                {
                    if (given != value) diagnostics.Add(At(item.Location, $"`set {Text(item)}` conflicts with `--set {name}={given}` on the command line"));
                    continue;
                }
                if (chosen.TryGetValue(name, out var earlier))
                {
                    if (earlier.Value != value)
                        diagnostics.Add(At(item.Location, $"`set {Text(item)}` conflicts with `{Text(earlier.Item)}` at {earlier.Item.Location}; "
                            + "the sources of one object share their settings, so compile these files separately"));
                    continue;
                }
                chosen[name] = (value, item);
                order.Add(name);
            }
        }
        if (diagnostics.Count > errors) return null;
        return [.. commandLine, .. order.Select(name => Text(chosen[name].Item))];
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

    private static void CheckTargets(ClifPreamble preamble, TargetTriple triple, string path, List<Diagnostic> diagnostics)
    {
        if (preamble.Targets.Count == 0) return;
        if (preamble.Targets.Any(t => TargetTriple.TryParse(t.Triple, out var named) && named.Architecture == triple.Architecture)) return;
        var first = preamble.Targets[0].Location;
        diagnostics.Add(Diagnostic.Error(BuildDiagnosticCodes.InvalidTarget,
            $"this file is for {string.Join(", ", preamble.Targets.Select(t => t.Triple).Distinct())}, not the compile's target `{triple}`",
            first.File ?? path, first.Line, first.Column));
    }

    /// <summary>The value <see cref="IsaFlags"/> gives the setting, so <c>is_pic</c>, <c>is_pic=1</c> and <c>is_pic=true</c> agree.</summary>
    private static bool Canonical(string name, string? value, out string canonical, out string error)
    {
        canonical = "";
        if (!IsaFlags.Default.TrySet(name, value, out var flags, out var message))
        {
            error = message!;
            return false;
        }
        error = "";
        // A setting without an entry changes nothing (unwind_info=false), so all its accepted values agree.
        canonical = flags.Entries.FirstOrDefault(e => e.Name == name).Value ?? "";
        return true;
    }

    private static string Text(ClifSetting item) => item.Value is null ? item.Name : $"{item.Name}={item.Value}";

    private static Diagnostic At(ClifLocation where, string message) =>
        Diagnostic.Error(BuildDiagnosticCodes.InvalidSetting, message, where.File, where.Line, where.Column);
}
