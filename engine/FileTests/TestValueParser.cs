using System.Globalization;
using Stencil.Ir;
using Stencil.Ir.Text;

namespace Stencil.Engine.FileTests;

/// <summary>Reads the literals of run directives for a known type: decimal and hexadecimal integers (wrapped to the
/// type's width), <c>true</c>/<c>false</c>, and the CLIF float forms (<c>0x1.8p1</c>, <c>NaN</c>, <c>+Inf</c>,
/// <c>-0.0</c>, <c>sNaN:0x1</c>) plus plain decimal floats.</summary>
public static class TestValueParser
{
    public static bool TryParse(string text, IrType type, out TestValue value, out string? error)
    {
        value = default;
        text = text.Trim();
        if (!type.IsValid) { error = $"`{type}` is not a value type"; return false; }
        if (type.IsVector) return TryParseVector(text, type, out value, out error);
        if (type.IsInt)
        {
            if (text == "true") { value = TestValue.Of(type, 1); error = null; return true; }
            if (text == "false") { value = TestValue.Of(type, 0); error = null; return true; }
            if (!IntegerText.TryParseBits(text, out var bits)) { error = $"`{text}` is not an integer"; return false; }
            value = TestValue.Of(type, bits);
            error = null;
            return true;
        }
        var normalized = text.StartsWith('+') ? text[1..] : text;
        if (IeeeText.TryParse(text, type.LaneBits, out var fbits, out error) ||
            IeeeText.TryParse(normalized, type.LaneBits, out fbits, out _))
        {
            value = TestValue.Of(type, fbits);
            error = null;
            return true;
        }
        if (type.LaneBits is 32 or 64 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            value = type.LaneBits == 32 ? TestValue.Of(type, BitConverter.SingleToUInt32Bits((float)d)) : TestValue.Of(type, BitConverter.DoubleToUInt64Bits(d));
            error = null;
            return true;
        }
        error = $"`{text}` is not a {type} literal: {error}";
        return false;
    }

    /// <summary>A vector written <c>[lane0 lane1 ...]</c>, lane 0 in the low bits (little-endian lane order), or as
    /// one integer holding all its bits.</summary>
    private static bool TryParseVector(string text, IrType type, out TestValue value, out string? error)
    {
        value = default;
        if (type.Bits > 128) { error = $"vectors wider than 128 bits ({type}) are not supported by the runner"; return false; }
        if (!text.StartsWith('[') && IntegerText.TryParseBits(text, out var raw))
        {
            // The whole vector as one integer, lane 0 in the low bits.
            value = TestValue.Of(type, raw);
            error = null;
            return true;
        }
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']') { error = $"a {type} value is written `[lane lane ...]` or as one integer"; return false; }
        var lanes = text[1..^1].Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        if (lanes.Length != type.LaneCount) { error = $"a {type} value has {type.LaneCount} lanes, `{text}` gives {lanes.Length}"; return false; }
        UInt128 bits = 0;
        for (int i = 0; i < lanes.Length; i++)
        {
            if (!TryParse(lanes[i], type.LaneType, out var lane, out error)) return false;
            bits |= lane.Bits << (i * type.LaneBits);
        }
        value = TestValue.Of(type, bits);
        error = null;
        return true;
    }
}
