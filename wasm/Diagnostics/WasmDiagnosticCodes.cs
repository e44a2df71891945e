namespace Stencil.Wasm.Diagnostics;

/// <summary>
/// The STN5xxx codes of the WebAssembly front end, one per class of problem, so tools can tell a damaged file from a
/// well-formed but ill-typed one (the spec's own split: <c>assert_malformed</c> versus <c>assert_invalid</c>).
/// </summary>
public static class WasmDiagnosticCodes
{
    /// <summary>The bytes are not a module: bad magic or version, unexpected end, bad LEB128, unknown opcode or section.</summary>
    public const string Malformed = "STN5001";

    /// <summary>Well-formed but fails validation: type mismatch, unknown index, bad alignment, duplicate export...</summary>
    public const string Invalid = "STN5002";

    /// <summary>A proposal outside the supported subset: SIMD, threads, exceptions, GC, memory64, tail calls, multi-memory.</summary>
    public const string Unsupported = "STN5003";

    /// <summary>Valid by the spec but beyond an implementation limit (Wasmtime's where the spec has none).</summary>
    public const string LimitExceeded = "STN5004";
}
