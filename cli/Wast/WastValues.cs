using System.Globalization;
using System.Text.Json;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime;

namespace Stencil.Cli.Wast;

/// <summary>
/// Values as wast2json writes them: <c>{"type": "i32", "value": "4294967295"}</c>, numbers as the unsigned decimal of
/// their bits (floats too), <c>nan:canonical</c>/<c>nan:arithmetic</c> in expectations, references as <c>null</c> or
/// a host number. An externref <c>N</c> is the handle <c>N + 1</c>, so that 0 stays null.
/// </summary>
public static class WastValues
{
    public static WasmValue Parse(JsonElement value)
    {
        var type = TypeOf(value);
        var text = value.GetProperty("value").GetString()!;
        if (type.IsReference()) return new WasmValue(type, text == "null" ? 0 : ulong.Parse(text, CultureInfo.InvariantCulture) + 1);
        return WasmValue.FromSlot(type, ulong.Parse(text, CultureInfo.InvariantCulture));
    }

    /// <summary>Whether <paramref name="actual"/> is what <paramref name="expected"/> asks for.</summary>
    public static bool Matches(JsonElement expected, WasmValue actual)
    {
        var type = TypeOf(expected);
        if (actual.Type != type) return false;
        var text = expected.TryGetProperty("value", out var v) ? v.GetString() : null;
        if (type == ValType.FuncRef && text is null) return actual.Bits != 0;
        if (text is "nan:canonical" or "nan:arithmetic")
        {
            bool f32 = type == ValType.F32;
            ulong payload = f32 ? actual.Bits & 0x7FFFFF : actual.Bits & 0xFFFFFFFFFFFFF;
            ulong quiet = f32 ? 0x400000UL : 0x8000000000000UL;
            bool nan = f32 ? float.IsNaN(actual.AsSingle()) : double.IsNaN(actual.AsDouble());
            return nan && (text == "nan:canonical" ? payload == quiet : (payload & quiet) != 0);
        }
        return actual.Bits == Parse(expected).Bits;
    }

    public static string Describe(JsonElement expected)
    {
        var text = expected.TryGetProperty("value", out var v) ? v.GetString() : null;
        if (text is null || text.StartsWith("nan:", StringComparison.Ordinal)) return $"{text ?? "non-null"}:{TypeOf(expected).Name()}";
        return Describe(Parse(expected));
    }

    public static string Describe(WasmValue value) => $"{value}:{value.Type.Name()}";

    private static ValType TypeOf(JsonElement value) => value.GetProperty("type").GetString() switch
    {
        "i32" => ValType.I32,
        "i64" => ValType.I64,
        "f32" => ValType.F32,
        "f64" => ValType.F64,
        "funcref" => ValType.FuncRef,
        "externref" => ValType.ExternRef,
        var other => throw new NotSupportedException($"value type {other}"),
    };
}
