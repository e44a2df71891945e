using System.Diagnostics;
using System.Text.Json;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Runtime;

namespace Stencil.Cli.Wast;

/// <summary>One command of a converted script: its type, line, and the JSON object that holds the rest.</summary>
public sealed record WastCommand(string Type, int Line, JsonElement Json)
{
    public string? String(string property) => Json.TryGetProperty(property, out var p) ? p.GetString() : null;
}

/// <summary>
/// A <c>.wast</c> script converted by wabt's <c>wast2json</c> into a folder (the JSON command list and one binary
/// module per <c>module</c>/<c>assert_*</c> command): the spec's own converter, so the text format is wabt's job.
/// </summary>
public sealed class WastScript
{
    private WastScript(string name, string folder, IReadOnlyList<WastCommand> commands)
    {
        Name = name;
        Folder = folder;
        Commands = commands;
    }

    public string Name { get; }
    public string Folder { get; }
    public IReadOnlyList<WastCommand> Commands { get; }

    public string PathOf(string file) => System.IO.Path.Combine(Folder, file);

    /// <summary>Converts <paramref name="wast"/> into <paramref name="folder"/> with <paramref name="tool"/> (wast2json).</summary>
    public static WastScript Convert(string wast, string tool, string folder)
    {
        var name = System.IO.Path.GetFileName(wast);
        Directory.CreateDirectory(folder);
        var json = System.IO.Path.Combine(folder, System.IO.Path.GetFileNameWithoutExtension(wast) + ".json");
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(wast);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(json);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Unreadable(name, $"cannot run {tool}: {e.Message}");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // Its message names the script by path; the file name is enough, and keeps the text the same everywhere.
            if (process.ExitCode != 0) throw Unreadable(name, $"wast2json failed: {error.Result.Trim().Replace(wast, name, StringComparison.Ordinal)}");
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var commands = new List<WastCommand>();
        foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
            commands.Add(new WastCommand(command.GetProperty("type").GetString()!, command.GetProperty("line").GetInt32(), command.Clone()));
        return new WastScript(name, folder, commands);
    }

    /// <summary>The tool, found on PATH, or a diagnostic saying it is missing.</summary>
    public static string FindTool()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = System.IO.Path.Combine(dir, "wast2json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new DiagnosticException(Diagnostic.Error(WasmRuntimeDiagnosticCodes.ScriptUnreadable,
            "wast2json not found on PATH (Debian package wabt; scripts/install-prereqs.sh installs it)"));
    }

    private static DiagnosticException Unreadable(string script, string message) =>
        new(Diagnostic.Error(WasmRuntimeDiagnosticCodes.ScriptUnreadable, message) with { File = script });
}
