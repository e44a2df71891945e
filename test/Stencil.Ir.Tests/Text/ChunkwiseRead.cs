using System.Text;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

/// <summary>Reads a text the way a build that skips unchanged functions does (outline, preamble, every chunk),
/// and renders read results in full, so that tests can compare them with <see cref="ClifReader.ParseFile"/>.</summary>
internal static class ChunkwiseRead
{
    /// <summary>The preamble and every function, read by chunks; throws the first diagnostic.</summary>
    public static (ClifPreamble Preamble, List<ClifFunction> Functions) Read(string text, string? fileName)
    {
        var outline = ClifReader.Outline(text);
        var preamble = ClifReader.ParsePreamble(text, outline, fileName);
        var functions = outline.Chunks.Select(c => ClifReader.ParseChunk(text, c, fileName)).ToList();
        return (preamble, functions);
    }

    /// <summary>Everything a read function carries: its text as written back, where it starts and ends, every
    /// instruction position, its comments and directives.</summary>
    public static string Render(ClifFunction f)
    {
        var sb = new StringBuilder();
        sb.Append($"{f.Location} .. {f.EndLocation}\n").Append(ClifWriter.Write(f.Function));
        foreach (var (inst, (line, column)) in f.InstructionPositions) sb.Append($"{inst} at {line}:{column}\n");
        foreach (var c in f.Comments) sb.Append($"comment {c.Location} {c.Text}\n");
        foreach (var d in f.Directives) sb.Append($"{d.Kind} {d.Location} {d.Text}\n");
        return sb.ToString();
    }

    public static string Render(ClifFile file) => Render(file.TestCommands, file.Settings, file.Targets, file.HeaderComments) + string.Concat(file.Functions.Select(Render));

    public static string Render(ClifPreamble preamble, IEnumerable<ClifFunction> functions) =>
        Render(preamble.TestCommands, preamble.Settings, preamble.Targets, preamble.Comments) + string.Concat(functions.Select(Render));

    private static string Render(IReadOnlyList<ClifTestCommand> tests, IReadOnlyList<ClifSetting> settings, IReadOnlyList<ClifTarget> targets, IReadOnlyList<ClifComment> comments)
    {
        var sb = new StringBuilder();
        foreach (var t in tests) sb.Append($"test {t.Name} {string.Join(" ", t.Options)} {t.Location}\n");
        foreach (var s in settings) sb.Append($"set {s.Name}={s.Value} {s.Location}\n");
        foreach (var t in targets)
            sb.Append($"target {t.Triple} {string.Join(" ", t.Flags.Select(f => $"{f.Name}={f.Value}"))} / {string.Join(" ", t.SharedSettings.Select(f => $"{f.Name}={f.Value}"))} {t.Location}\n");
        foreach (var c in comments) sb.Append($"header comment {c.Location} {c.Text}\n");
        return sb.ToString();
    }
}
