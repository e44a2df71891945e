using System.Diagnostics;

namespace Stencil.Engine.Tests.Wasm;

/// <summary>Assembles WebAssembly text with wabt's <c>wat2wasm</c> (a prerequisite, like <c>wast2json</c>).</summary>
internal static class Wat
{
    public static byte[] ToWasm(string text)
    {
        var tool = Prerequisite.RequireTool("wat2wasm");
        using var folder = new TempDirectory("stencil-wat");
        var source = Path.Combine(folder.Path, "m.wat");
        var output = Path.Combine(folder.Path, "m.wasm");
        File.WriteAllText(source, text);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(source);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail($"wat2wasm failed: {error}");
        return File.ReadAllBytes(output);
    }
}
