namespace Stencil.Build.Wasm;

/// <summary>Diagnostics of a project's WebAssembly modules that only the build knows (the front end's own are STN5001-5004).</summary>
internal static class WasmBuildDiagnosticCodes
{
    /// <summary>Two modules of one project would build under one name (their symbols and classes would collide).</summary>
    public const string ModuleNameCollision = "STN5010";
    /// <summary>A module file cannot be read.</summary>
    public const string ModuleUnreadable = "STN5011";
}
