using System.Diagnostics;
using System.Text.Json;

namespace Stencil.Testing;

/// <summary>One command of a converted script that names a binary module: its kind, line, file and expected text.</summary>
public sealed record SpecCommand(string Script, string Type, int Line, string WasmPath, string? Text)
{
    public string Key => $"{Script}:{Line}";
}

/// <summary>
/// The wasm-spec corpus (shared by the Wasm and Engine tests) converted once per test run with Debian's <c>wast2json</c> into a temporary folder (deleted at
/// the end of the run): every command that names a binary module. Text-form <c>assert_malformed</c> tests the text
/// parser, not ours, and is left out.
/// </summary>
public static class SpecScripts
{
    private static readonly Lock Gate = new();
    private static TempDirectory? folder;
    private static IReadOnlyList<SpecCommand>? commands;

    public static IReadOnlyList<SpecCommand> Require()
    {
        var corpus = SharedCorpus.Require("wasm-spec");
        var tool = Prerequisite.RequireTool("wast2json");
        lock (Gate)
        {
            return commands ??= Convert(corpus, tool);
        }
    }

    public static void Cleanup()
    {
        lock (Gate)
        {
            folder?.Dispose();
            folder = null;
            commands = null;
        }
    }

    private static IReadOnlyList<SpecCommand> Convert(string corpus, string tool)
    {
        folder = new TempDirectory("stencil-wasm-spec");
        var list = new List<SpecCommand>();
        foreach (var wast in Directory.GetFiles(corpus, "*.wast").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(wast);
            var outDir = Path.Combine(folder.Path, name);
            Directory.CreateDirectory(outDir);
            var json = Path.Combine(outDir, name + ".json");
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(wast);
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(json);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) Assert.Fail($"wast2json failed on {name}.wast: {error.Result}");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
            foreach (var command in doc.RootElement.GetProperty("commands").EnumerateArray())
            {
                var type = command.GetProperty("type").GetString()!;
                if (!command.TryGetProperty("filename", out var file)) continue;
                if (command.TryGetProperty("module_type", out var moduleType) && moduleType.GetString() != "binary") continue;
                var text = command.TryGetProperty("text", out var t) ? t.GetString() : null;
                list.Add(new SpecCommand(Path.GetFileName(wast), type, command.GetProperty("line").GetInt32(), Path.Combine(outDir, file.GetString()!), text));
            }
        }
        return list;
    }
}
