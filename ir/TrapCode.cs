namespace Stencil.Ir;

/// <summary>Why a trap fires. Reserved codes have fixed text names; user codes are <c>user1</c>..<c>user250</c>.</summary>
public readonly record struct TrapCode(byte Value)
{
    public static readonly TrapCode StackOverflow = new(251);
    public static readonly TrapCode HeapOutOfBounds = new(252);
    public static readonly TrapCode IntegerOverflow = new(253);
    public static readonly TrapCode IntegerDivisionByZero = new(254);
    public static readonly TrapCode BadConversionToInteger = new(255);
    public static readonly TrapCode Unreachable = new(250);
    public static readonly TrapCode Interrupt = new(249);

    private static readonly (TrapCode Code, string Name)[] Names =
    [
        (StackOverflow, "stk_ovf"), (HeapOutOfBounds, "heap_oob"), (IntegerOverflow, "int_ovf"),
        (IntegerDivisionByZero, "int_divz"), (BadConversionToInteger, "bad_toint"), (Unreachable, "unreachable"),
        (Interrupt, "interrupt"),
    ];

    public static TrapCode User(byte n) => n is >= 1 and <= 248 ? new TrapCode(n) : throw new ArgumentOutOfRangeException(nameof(n));

    public static bool TryParse(string text, out TrapCode code)
    {
        foreach (var (c, n) in Names) if (n == text) { code = c; return true; }
        if (text.StartsWith("user", StringComparison.Ordinal) && byte.TryParse(text.AsSpan(4), out var v) && v is >= 1 and <= 248)
        { code = new TrapCode(v); return true; }
        code = default; return false;
    }

    public override string ToString()
    {
        foreach (var (c, n) in Names) if (c == this) return n;
        return "user" + Value;
    }
}
