using System.Diagnostics;

namespace Stencil.Testing;

/// <summary>WebAssembly text assembled by wabt's <c>wat2wasm</c> (a prerequisite: missing, the test is skipped, or fails under CI).</summary>
public static class Wat
{
    public static byte[] Assemble(string wat)
    {
        var tool = Prerequisite.RequireTool("wat2wasm");
        using var folder = new TempDirectory("stencil-wat");
        var input = folder.Write("m.wat", wat);
        var output = folder.File("m.wasm");
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(input);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail($"wat2wasm: {error.Result}");
        return File.ReadAllBytes(output);
    }

    /// <summary>Assembles <paramref name="wat"/> into <paramref name="folder"/> as <paramref name="name"/>; returns its path.</summary>
    public static string WriteModule(TempDirectory folder, string name, string wat)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, Assemble(wat));
        return path;
    }
}
