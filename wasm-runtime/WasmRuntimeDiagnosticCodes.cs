namespace Stencil.Wasm.Runtime;

/// <summary>The STN51xx codes of running WebAssembly (the CLI's <c>run</c> and <c>wast</c>); STN50xx are the front end's.</summary>
public static class WasmRuntimeDiagnosticCodes
{
    /// <summary>A module's imports cannot be satisfied: an unknown module or name, or an import of another type.</summary>
    public const string Unlinkable = "STN5101";

    /// <summary>Instantiation trapped: a segment out of bounds, or a start function that trapped.</summary>
    public const string Uninstantiable = "STN5102";

    /// <summary>The module has no such export, or the export is not a function.</summary>
    public const string UnknownExport = "STN5103";

    /// <summary>A spec script could not be converted (<c>wast2json</c> missing or failing) or read.</summary>
    public const string ScriptUnreadable = "STN5104";
}
