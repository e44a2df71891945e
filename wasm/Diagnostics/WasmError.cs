using Stencil.Ir.Diagnostics;

namespace Stencil.Wasm.Diagnostics;

/// <summary>Builds the front end's diagnostics: <c>MODULE.wasm: error STN5xxx: what at offset 0x...</c>.</summary>
public static class WasmError
{
    public static DiagnosticException Malformed(string file, long offset, string what) => Make(WasmDiagnosticCodes.Malformed, file, offset, what);

    public static DiagnosticException Invalid(string file, long offset, string what) => Make(WasmDiagnosticCodes.Invalid, file, offset, what);

    public static DiagnosticException Unsupported(string file, long offset, string feature) =>
        Make(WasmDiagnosticCodes.Unsupported, file, offset, $"unsupported feature: {feature}");

    public static DiagnosticException Limit(string file, long offset, string what) => Make(WasmDiagnosticCodes.LimitExceeded, file, offset, what);

    private static DiagnosticException Make(string code, string file, long offset, string what) =>
        new(Diagnostic.Error(code, $"{what} at offset 0x{offset:x}", file));
}
