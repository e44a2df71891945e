namespace Stencil.Ir;

public enum CallConv : byte { Fast, Cold, Tail, SystemV, WindowsFastcall, AppleAarch64, Probestack, Winch, PreserveAll }

public static class CallConvText
{
    private static readonly string[] Names = ["fast", "cold", "tail", "system_v", "windows_fastcall", "apple_aarch64", "probestack", "winch", "preserve_all"];
    public static string ToText(this CallConv cc) => Names[(int)cc];
    public static bool TryParse(ReadOnlySpan<char> text, out CallConv cc)
    {
        for (int i = 0; i < Names.Length; i++) if (text.SequenceEqual(Names[i])) { cc = (CallConv)i; return true; }
        cc = default; return false;
    }
}
