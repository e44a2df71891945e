using Stencil.Engine.Building;
using Stencil.Cli.Output;
using Stencil.Ir.Diagnostics;

namespace Stencil.Cli;

/// <summary>Checks source paths up front so every missing one is named, not only the first the compiler trips over.</summary>
public static class SourceFiles
{
    public static bool AllExist(CliConsole console, IEnumerable<string> paths)
    {
        var ok = true;
        foreach (var path in paths)
        {
            if (File.Exists(path)) continue;
            ConsoleDiagnostics.Write(console.Error, Diagnostic.Error(BuildDiagnosticCodes.FileNotFound, $"file not found: {path}"));
            ok = false;
        }
        return ok;
    }
}
