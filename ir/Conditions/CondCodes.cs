namespace Stencil.Ir;

/// <summary>Text names and algebra of condition codes; the name tables are indexed by enum value.</summary>
public static class CondCodes
{
    private static readonly string[] IntNames = ["eq", "ne", "slt", "sge", "sgt", "sle", "ult", "uge", "ugt", "ule"];
    private static readonly string[] FloatNames = ["ord", "uno", "eq", "ne", "one", "ueq", "lt", "le", "gt", "ge", "ult", "ule", "ugt", "uge"];

    public static string ToText(this IntCC cc) => IntNames[(int)cc];
    public static string ToText(this FloatCC cc) => FloatNames[(int)cc];

    public static bool TryParseIntCC(ReadOnlySpan<char> text, out IntCC cc)
    {
        for (int i = 0; i < IntNames.Length; i++) if (text.SequenceEqual(IntNames[i])) { cc = (IntCC)i; return true; }
        cc = default; return false;
    }

    public static bool TryParseFloatCC(ReadOnlySpan<char> text, out FloatCC cc)
    {
        for (int i = 0; i < FloatNames.Length; i++) if (text.SequenceEqual(FloatNames[i])) { cc = (FloatCC)i; return true; }
        cc = default; return false;
    }

    /// <summary>The condition that holds exactly when <paramref name="cc"/> does not.</summary>
    public static IntCC Inverse(this IntCC cc) => cc switch
    {
        IntCC.Equal => IntCC.NotEqual, IntCC.NotEqual => IntCC.Equal,
        IntCC.SignedLessThan => IntCC.SignedGreaterThanOrEqual, IntCC.SignedGreaterThanOrEqual => IntCC.SignedLessThan,
        IntCC.SignedGreaterThan => IntCC.SignedLessThanOrEqual, IntCC.SignedLessThanOrEqual => IntCC.SignedGreaterThan,
        IntCC.UnsignedLessThan => IntCC.UnsignedGreaterThanOrEqual, IntCC.UnsignedGreaterThanOrEqual => IntCC.UnsignedLessThan,
        IntCC.UnsignedGreaterThan => IntCC.UnsignedLessThanOrEqual, _ => IntCC.UnsignedGreaterThan,
    };

    /// <summary>The condition with operands swapped: <c>a cc b == b Swapped(cc) a</c>.</summary>
    public static IntCC Swapped(this IntCC cc) => cc switch
    {
        IntCC.SignedLessThan => IntCC.SignedGreaterThan, IntCC.SignedGreaterThan => IntCC.SignedLessThan,
        IntCC.SignedLessThanOrEqual => IntCC.SignedGreaterThanOrEqual, IntCC.SignedGreaterThanOrEqual => IntCC.SignedLessThanOrEqual,
        IntCC.UnsignedLessThan => IntCC.UnsignedGreaterThan, IntCC.UnsignedGreaterThan => IntCC.UnsignedLessThan,
        IntCC.UnsignedLessThanOrEqual => IntCC.UnsignedGreaterThanOrEqual, IntCC.UnsignedGreaterThanOrEqual => IntCC.UnsignedLessThanOrEqual,
        _ => cc,
    };

    public static bool IsSigned(this IntCC cc) => cc is IntCC.SignedLessThan or IntCC.SignedGreaterThanOrEqual or IntCC.SignedGreaterThan or IntCC.SignedLessThanOrEqual;

    /// <summary>Evaluates the condition on two values already extended to 64 bits (sign- or zero- as the type demands is the caller's job only for the signed/unsigned split: pass the raw bits of a <paramref name="bits"/>-wide value).</summary>
    public static bool Evaluate(this IntCC cc, ulong a, ulong b, int bits)
    {
        int shift = 64 - bits;
        long sa = (long)(a << shift) >> shift, sb = (long)(b << shift) >> shift;
        ulong ua = (a << shift) >> shift, ub = (b << shift) >> shift;
        return cc switch
        {
            IntCC.Equal => ua == ub, IntCC.NotEqual => ua != ub,
            IntCC.SignedLessThan => sa < sb, IntCC.SignedGreaterThanOrEqual => sa >= sb,
            IntCC.SignedGreaterThan => sa > sb, IntCC.SignedLessThanOrEqual => sa <= sb,
            IntCC.UnsignedLessThan => ua < ub, IntCC.UnsignedGreaterThanOrEqual => ua >= ub,
            IntCC.UnsignedGreaterThan => ua > ub, _ => ua <= ub,
        };
    }

    /// <summary>Evaluates a float condition with IEEE semantics: every ordered relation is false when either side is NaN.</summary>
    public static bool Evaluate(this FloatCC cc, double a, double b)
    {
        bool uno = double.IsNaN(a) || double.IsNaN(b);
        return cc switch
        {
            FloatCC.Ordered => !uno,
            FloatCC.Unordered => uno,
            FloatCC.Equal => a == b,
            FloatCC.NotEqual => a != b,
            FloatCC.OrderedNotEqual => !uno && a != b,
            FloatCC.UnorderedOrEqual => uno || a == b,
            FloatCC.LessThan => a < b,
            FloatCC.LessThanOrEqual => a <= b,
            FloatCC.GreaterThan => a > b,
            FloatCC.GreaterThanOrEqual => a >= b,
            FloatCC.UnorderedOrLessThan => uno || a < b,
            FloatCC.UnorderedOrLessThanOrEqual => uno || a <= b,
            FloatCC.UnorderedOrGreaterThan => uno || a > b,
            _ => uno || a >= b,
        };
    }
}
