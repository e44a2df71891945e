using System.Globalization;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// One wasm value: its type and its bits as they sit in an 8-byte slot of a values buffer (i32 and f32 in the low
/// four bytes). A funcref is the address of a <see cref="Abi.VmFuncRef"/> (0 for null), an externref an opaque host
/// handle.
/// </summary>
public readonly record struct WasmValue(ValType Type, ulong Bits)
{
    public static WasmValue I32(int value) => new(ValType.I32, (uint)value);
    public static WasmValue I64(long value) => new(ValType.I64, (ulong)value);
    public static WasmValue F32(float value) => new(ValType.F32, BitConverter.SingleToUInt32Bits(value));
    public static WasmValue F64(double value) => new(ValType.F64, BitConverter.DoubleToUInt64Bits(value));
    public static WasmValue F32Bits(uint bits) => new(ValType.F32, bits);
    public static WasmValue F64Bits(ulong bits) => new(ValType.F64, bits);
    public static WasmValue NullRef(ValType type) => new(type, 0);

    /// <summary>A value of <paramref name="type"/> read back from a slot (the unused upper bits of 32-bit types dropped).</summary>
    public static WasmValue FromSlot(ValType type, ulong slot) => type is ValType.I32 or ValType.F32 ? new(type, (uint)slot) : new(type, slot);

    public int AsInt32() => Type == ValType.I32 ? (int)(uint)Bits : throw TypeError(ValType.I32);
    public long AsInt64() => Type == ValType.I64 ? (long)Bits : throw TypeError(ValType.I64);
    public float AsSingle() => Type == ValType.F32 ? BitConverter.UInt32BitsToSingle((uint)Bits) : throw TypeError(ValType.F32);
    public double AsDouble() => Type == ValType.F64 ? BitConverter.UInt64BitsToDouble(Bits) : throw TypeError(ValType.F64);
    public bool IsNull => Type.IsReference() && Bits == 0;

    /// <summary>Integers in decimal (i32 signed), floats as the shortest text that reads back to the same bits.</summary>
    public override string ToString() => Type switch
    {
        ValType.I32 => AsInt32().ToString(CultureInfo.InvariantCulture),
        ValType.I64 => AsInt64().ToString(CultureInfo.InvariantCulture),
        ValType.F32 => FloatText(AsSingle(), (uint)Bits, 32),
        ValType.F64 => FloatText(AsDouble(), Bits, 64),
        _ => Bits == 0 ? "null" : $"{Type.Name()}:0x{Bits:x}",
    };

    private static string FloatText(double value, ulong bits, int width)
    {
        if (double.IsNaN(value))
        {
            ulong payload = width == 32 ? bits & 0x7FFFFF : bits & 0xFFFFFFFFFFFFF;
            ulong quiet = width == 32 ? 0x400000UL : 0x8000000000000UL;
            string sign = (bits >> (width - 1)) != 0 ? "-" : "";
            return payload == quiet ? sign + "nan" : $"{sign}nan:0x{payload:x}";
        }
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        return width == 32
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private InvalidOperationException TypeError(ValType wanted) => new($"the value is {Type.Name()}, not {wanted.Name()}");
}
