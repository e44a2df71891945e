using Stencil.Engine.Linking;

namespace Stencil.Engine.Tests.Object;

/// <summary>Finds and runs the system tools the object tests check their output with. A missing tool makes the test
/// skipped (failed under CI), never passed.</summary>
internal static class ExternalTool
{
    public static string RequireReadelf() => Prerequisite.RequireTool("readelf");

    /// <summary>The C compiler driver the linker uses.</summary>
    public static string RequireCompiler()
    {
        if (SystemLinker.FindCompilerDriver() is { } path) return path;
        Prerequisite.Missing("a C compiler driver (`cc` or `gcc`) on PATH");
        return "";
    }

    public static (int ExitCode, string Output) Run(string file, params string[] args) => ExternalProcess.Run(file, args);
}
