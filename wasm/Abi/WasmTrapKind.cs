namespace Stencil.Wasm.Abi;

/// <summary>
/// Why wasm code stopped, as the trap routine's return code. The values cross the native boundary (generated code
/// passes them to the trap builtin, builtins return them as a status), so they are fixed; 0 means "no trap".
/// </summary>
public enum WasmTrapKind
{
    None = 0,
    Unreachable = 1,
    MemoryOutOfBounds = 2,
    TableOutOfBounds = 3,
    IntegerDivideByZero = 4,
    IntegerOverflow = 5,
    InvalidConversionToInteger = 6,
    IndirectCallTypeMismatch = 7,
    UndefinedElement = 8,
    UninitializedElement = 9,
    CallStackExhausted = 10,
    /// <summary>An import supplied by the host threw; the runtime keeps the exception and rethrows it as the inner exception.</summary>
    HostException = 11,
}

public static class WasmTrapKinds
{
    /// <summary>The spec's wording, as the spec tests' <c>assert_trap</c> expects it.</summary>
    public static string Message(this WasmTrapKind kind) => kind switch
    {
        WasmTrapKind.Unreachable => "unreachable",
        WasmTrapKind.MemoryOutOfBounds => "out of bounds memory access",
        WasmTrapKind.TableOutOfBounds => "out of bounds table access",
        WasmTrapKind.IntegerDivideByZero => "integer divide by zero",
        WasmTrapKind.IntegerOverflow => "integer overflow",
        WasmTrapKind.InvalidConversionToInteger => "invalid conversion to integer",
        WasmTrapKind.IndirectCallTypeMismatch => "indirect call type mismatch",
        WasmTrapKind.UndefinedElement => "undefined element",
        WasmTrapKind.UninitializedElement => "uninitialized element",
        WasmTrapKind.CallStackExhausted => "call stack exhausted",
        WasmTrapKind.HostException => "host function threw",
        _ => "unknown trap",
    };
}
