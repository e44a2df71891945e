using Stencil.Ir.Entities;
using static Stencil.Ir.Text.ReaderDiagnosticCodes;

namespace Stencil.Ir.Text;

internal sealed partial class FunctionParser
{
    private IrType ParseType()
    {
        var t = _ts.Next();
        if (t.Kind != TokenKind.Identifier) throw Unexpected(t, "a type such as `i32`");
        var text = Span(t);
        if (IrType.TryParse(text, out var type)) return type;
        if (text.Length > 3 && text.EndsWith("xN", StringComparison.Ordinal))
            throw Fail(UnknownType, t, $"dynamic vector type `{text}` is not supported");
        throw Fail(UnknownType, t, $"unknown type `{text}`");
    }

    private Int128 ParseInteger(string what)
    {
        var t = _ts.Next();
        if (t.Kind != TokenKind.Integer) throw Unexpected(t, what);
        if (!IntegerText.TryParse(Span(t), out var v)) throw Fail(BadImmediate, t, $"malformed integer `{Span(t)}`");
        return v;
    }

    private ulong ParseUnsigned(ulong max, string what)
    {
        var t = _ts.Peek();
        var v = ParseInteger(what);
        if (v < 0 || v > max) throw Fail(BadImmediate, t, $"{what} `{Span(t)}` is out of range 0..{max}");
        return (ulong)v;
    }

    /// <summary>A 64-bit immediate: any value from -2^63 to 2^64-1, kept as its 64-bit pattern.</summary>
    private long ParseImm64()
    {
        var t = _ts.Peek();
        return ToImm64(ParseInteger("an integer immediate"), t);
    }

    private long ToImm64(Int128 v, RawToken at)
    {
        if (v < long.MinValue || v > ulong.MaxValue) throw Fail(BadImmediate, at, $"`{Span(at)}` does not fit in 64 bits");
        return v < 0 ? (long)v : (long)(ulong)v;
    }

    private UInt128 ParseFloat(int bits)
    {
        var t = _ts.Next();
        if (t.Kind is not (TokenKind.Float or TokenKind.Integer)) throw Unexpected(t, $"an f{bits} immediate such as `0x1.8p1`");
        if (!IeeeText.TryParse(Text(t), bits, out var value, out var error)) throw Fail(BadImmediate, t, $"bad f{bits} immediate `{Span(t)}`: {error}");
        return value;
    }

    /// <summary>The operand of <c>vconst</c> / <c>f128const</c>: lanes <c>[1 2 3 4]</c>, hex <c>0x...</c>, a float, or <c>constN</c>.</summary>
    private Constant ParseConstOperand(InstructionData d, RawToken op)
    {
        var t = _ts.Peek();
        if (IsEntity(t, Constant.Prefix, out _))
        {
            _ts.Next();
            return UseDeclared(t, Constant.Prefix, _constants, "a constant");
        }
        if (d.Opcode == Opcode.F128const)
        {
            var bits = ParseFloat(128);
            var bytes = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(bytes, bits);
            return _func.CreateConstant(bytes);
        }
        var type = d.ControllingType;
        if (type.IsInvalid) throw Fail(CannotInferType, op, $"`{Span(op)}` needs an explicit type, e.g. `{Span(op)}.i32x4`");
        if (t.Kind == TokenKind.LBracket) return _func.CreateConstant(ParseLanes(type));
        _ts.Next();
        if (t.Kind != TokenKind.Integer) throw Unexpected(t, "constant data `[...]` or `0x...`");
        if (!ConstantText.TryParseHexBytes(Text(t), out var data)) throw Fail(BadImmediate, t, $"malformed constant `{Span(t)}`");
        return _func.CreateConstant(FitConstant(data, type.Bytes, t));
    }

    private byte[] FitConstant(byte[] data, int size, RawToken at)
    {
        if (data.Length > size)
        {
            for (int i = size; i < data.Length; i++)
                if (data[i] != 0) throw Fail(BadImmediate, at, $"constant `{Span(at)}` has more than {size} bytes");
            return data[..size];
        }
        if (data.Length < size) Array.Resize(ref data, size);
        return data;
    }

    /// <summary><c>[a b c d]</c>: one literal per lane, each of the lane type, stored little-endian.</summary>
    private byte[] ParseLanes(IrType type)
    {
        ExpectKind(TokenKind.LBracket, "`[`");
        var lane = type.LaneType;
        int laneBytes = lane.Bytes;
        var bytes = new byte[type.Bytes];
        int count = 0;
        while (_ts.Peek().Kind != TokenKind.RBracket)
        {
            var t = _ts.Peek();
            if (t.Kind == TokenKind.EndOfFile) throw Unexpected(t, "`]`");
            if (count >= type.LaneCount) throw Fail(BadImmediate, t, $"`{type}` has only {type.LaneCount} lanes");
            UInt128 bits;
            if (lane.IsLaneFloat) bits = ParseFloat(lane.LaneBits);
            else
            {
                var v = ParseInteger("a lane value");
                if (!IntegerText.FitsSignedOrUnsigned(v, lane.LaneBits)) throw Fail(BadImmediate, t, $"`{Span(t)}` does not fit in {lane}");
                bits = (UInt128)v;
            }
            for (int i = 0; i < laneBytes; i++) bytes[count * laneBytes + i] = (byte)(bits >> (8 * i));
            count++;
        }
        var close = _ts.Next();
        if (count != type.LaneCount) throw Fail(BadImmediate, close, $"`{type}` needs {type.LaneCount} lanes, found {count}");
        return bytes;
    }

    private Constant ParseShuffleMask()
    {
        var t = _ts.Peek();
        if (t.Kind == TokenKind.LBracket) return _func.CreateConstant(ParseLanes(IrType.Vector(IrType.I8, 16)));
        _ts.Next();
        if (t.Kind != TokenKind.Integer) throw Unexpected(t, "a shuffle mask `[...]` or `0x...`");
        if (!ConstantText.TryParseHexBytes(Text(t), out var data)) throw Fail(BadImmediate, t, $"malformed shuffle mask `{Span(t)}`");
        return _func.CreateConstant(FitConstant(data, 16, t));
    }
}
