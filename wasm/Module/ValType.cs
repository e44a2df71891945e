namespace Stencil.Wasm.Module;

/// <summary>A value type (the spec's valtype), by its binary encoding. <see cref="Unknown"/> is the validator's bottom type of unreachable code.</summary>
public enum ValType : byte
{
    Unknown = 0,
    I32 = 0x7F,
    I64 = 0x7E,
    F32 = 0x7D,
    F64 = 0x7C,
    V128 = 0x7B,
    FuncRef = 0x70,
    ExternRef = 0x6F,
}

public static class ValTypes
{
    public static bool IsReference(this ValType type) => type is ValType.FuncRef or ValType.ExternRef;

    public static bool IsNumeric(this ValType type) => type is ValType.I32 or ValType.I64 or ValType.F32 or ValType.F64;

    public static string Name(this ValType type) => type switch
    {
        ValType.I32 => "i32", ValType.I64 => "i64", ValType.F32 => "f32", ValType.F64 => "f64",
        ValType.V128 => "v128", ValType.FuncRef => "funcref", ValType.ExternRef => "externref", _ => "unknown",
    };
}
