namespace Stencil.Ir;

/// <summary>
/// A value type, packed in one byte: the low nibble is the lane type, the high nibble is log2 of the
/// lane count (0 for scalars). The packing keeps types cheap to copy and hash in the canonical key.
/// </summary>
public readonly record struct IrType
{
    private readonly byte _code;
    private IrType(byte code) => _code = code;

    public static readonly IrType Invalid = new(0);
    public static readonly IrType I8 = new(1);
    public static readonly IrType I16 = new(2);
    public static readonly IrType I32 = new(3);
    public static readonly IrType I64 = new(4);
    public static readonly IrType I128 = new(5);
    public static readonly IrType F16 = new(6);
    public static readonly IrType F32 = new(7);
    public static readonly IrType F64 = new(8);
    public static readonly IrType F128 = new(9);

    private static readonly string[] LaneNames = ["invalid", "i8", "i16", "i32", "i64", "i128", "f16", "f32", "f64", "f128"];
    private static readonly int[] LaneBitsTable = [0, 8, 16, 32, 64, 128, 16, 32, 64, 128];

    /// <summary>The packed code, used by the canonical encoding.</summary>
    public byte Code => _code;
    public static IrType FromCode(byte code) => new(code);

    public IrType LaneType => new((byte)(_code & 0xF));
    public int LaneCount => 1 << (_code >> 4);
    public int LaneBits => LaneBitsTable[Math.Min(_code & 0xF, 9)];
    public int Bits => LaneBits * LaneCount;
    public int Bytes => (Bits + 7) / 8;
    public bool IsInvalid => _code == 0;
    public bool IsVector => (_code >> 4) != 0;
    public bool IsInt => !IsVector && (_code & 0xF) is >= 1 and <= 5;
    public bool IsFloat => !IsVector && (_code & 0xF) is >= 6 and <= 9;
    public bool IsLaneInt => (_code & 0xF) is >= 1 and <= 5;
    public bool IsLaneFloat => (_code & 0xF) is >= 6 and <= 9;
    public bool IsValid => (_code & 0xF) is >= 1 and <= 9 && (_code >> 4) <= 8;

    public static IrType Vector(IrType lane, int lanes)
    {
        if (lane.IsVector || lane.IsInvalid || lanes < 2 || lanes > 256 || (lanes & (lanes - 1)) != 0)
            throw new ArgumentException($"no vector type {lane}x{lanes}");
        return new IrType((byte)(lane._code | (System.Numerics.BitOperations.Log2((uint)lanes) << 4)));
    }

    /// <summary>The integer lane type of the same width (what comparisons of this type produce per lane).</summary>
    public IrType AsInt() => !IsValid ? Invalid : IntOfBits(LaneBits) is { IsInvalid: false } l ? (IsVector ? Vector(l, LaneCount) : l) : Invalid;

    public static IrType IntOfBits(int bits) => bits switch { 8 => I8, 16 => I16, 32 => I32, 64 => I64, 128 => I128, _ => Invalid };
    public static IrType FloatOfBits(int bits) => bits switch { 16 => F16, 32 => F32, 64 => F64, 128 => F128, _ => Invalid };

    /// <summary>Same lane kind at half (or double) the lane width, lane count unchanged; Invalid where none exists.</summary>
    public IrType HalfWidth() => Resize(LaneBits / 2);
    public IrType DoubleWidth() => Resize(LaneBits * 2);

    private IrType Resize(int laneBits)
    {
        if (!IsValid) return Invalid;
        var lane = IsLaneInt ? IntOfBits(laneBits) : FloatOfBits(laneBits);
        if (lane.IsInvalid) return Invalid;
        return IsVector ? Vector(lane, LaneCount) : lane;
    }

    /// <summary>Lanes twice as wide and half as many (a widening vector op's result).</summary>
    public IrType WidenLanes() => IsValid && IsVector && LaneCount >= 2 && LaneBits <= 64 && HalfOrDoubleLane(LaneBits * 2) is { IsInvalid: false } l
        ? (LaneCount / 2 >= 2 ? Vector(l, LaneCount / 2) : l) : Invalid;

    /// <summary>Lanes half as wide and twice as many (a narrowing vector op's result).</summary>
    public IrType NarrowLanes() => IsValid && IsVector && LaneCount < 256 && HalfOrDoubleLane(LaneBits / 2) is { IsInvalid: false } l ? Vector(l, LaneCount * 2) : Invalid;

    private IrType HalfOrDoubleLane(int bits) => IsLaneInt ? IntOfBits(bits) : FloatOfBits(bits);

    public override string ToString() => !IsValid && !IsInvalid ? $"type#{_code:x2}" : IsVector ? $"{LaneNames[_code & 0xF]}x{LaneCount}" : LaneNames[_code & 0xF];

    public static bool TryParse(ReadOnlySpan<char> text, out IrType type)
    {
        type = Invalid;
        int x = text.IndexOf('x');
        var laneText = x < 0 ? text : text[..x];
        int lane = Array.IndexOf(LaneNames, laneText.ToString());
        if (lane <= 0) return false;
        if (x < 0) { type = new IrType((byte)lane); return true; }
        if (!int.TryParse(text[(x + 1)..], System.Globalization.NumberStyles.None, null, out int lanes)) return false;
        if (lanes < 2 || lanes > 256 || (lanes & (lanes - 1)) != 0) return false;
        type = Vector(new IrType((byte)lane), lanes);
        return true;
    }
}
