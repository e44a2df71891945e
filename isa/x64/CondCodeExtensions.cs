namespace Stencil.Isa.X64;

internal static class CondCodeExtensions
{
    public static CondCode Invert(this CondCode cc) => (CondCode)((int)cc ^ 1);

    /// <summary>The condition with the compare's operands exchanged: <c>a &lt; b</c> is <c>b &gt; a</c>.</summary>
    public static CondCode Swap(this CondCode cc) => cc switch
    {
        CondCode.B => CondCode.A, CondCode.A => CondCode.B,
        CondCode.AE => CondCode.BE, CondCode.BE => CondCode.AE,
        CondCode.L => CondCode.G, CondCode.G => CondCode.L,
        CondCode.GE => CondCode.LE, CondCode.LE => CondCode.GE,
        _ => cc,
    };
}
