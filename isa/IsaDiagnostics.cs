using Stencil.Ir;
using Stencil.Ir.Diagnostics;

namespace Stencil.Isa;

/// <summary>
/// The STN3xxx codes a backend reports. Codes are stable (tools and tests match on them):
/// STN3001 unsupported opcode, STN3002 unsupported type, STN3003 unsupported ABI or calling
/// convention, STN3004 target not supported, STN3005 malformed function reaching the backend,
/// STN3006 a limit of the backend exceeded (frame or code too large).
/// </summary>
public static class IsaDiagnostics
{
    public const string UnsupportedOpcode = "STN3001";
    public const string UnsupportedType = "STN3002";
    public const string UnsupportedAbi = "STN3003";
    public const string UnsupportedTarget = "STN3004";
    public const string MalformedFunction = "STN3005";
    public const string LimitExceeded = "STN3006";

    public static DiagnosticException Opcode(string isa, Opcode opcode, IrType type) =>
        new(Diagnostic.Error(UnsupportedOpcode, type.IsInvalid
            ? $"{isa} backend does not support `{opcode.Name()}` yet"
            : $"{isa} backend does not support `{opcode.Name()}.{type}` yet"));

    /// <summary>An opcode this backend compiles only under a setting the function's flags do not have.</summary>
    public static DiagnosticException OpcodeNeedsSetting(string isa, Opcode opcode, string setting) =>
        new(Diagnostic.Error(UnsupportedOpcode, $"{isa} backend compiles `{opcode.Name()}` only with `set {setting}`"));

    public static DiagnosticException Type(string isa, IrType type, string where) =>
        new(Diagnostic.Error(UnsupportedType, $"{isa} backend does not support values of type `{type}` ({where}) yet"));

    public static DiagnosticException Abi(string isa, string what) =>
        new(Diagnostic.Error(UnsupportedAbi, $"{isa} backend does not support {what}"));

    public static DiagnosticException Malformed(string what) =>
        new(Diagnostic.Error(MalformedFunction, $"malformed function reached the backend: {what}"));

    public static DiagnosticException Limit(string what) =>
        new(Diagnostic.Error(LimitExceeded, what));
}
