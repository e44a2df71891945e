namespace Stencil.Isa.X64;

internal static class CondCodeExtensions
{
    public static CondCode Invert(this CondCode cc) => (CondCode)((int)cc ^ 1);
}
