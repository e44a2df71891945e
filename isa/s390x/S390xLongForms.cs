namespace Stencil.Isa.S390x;

/// <summary>The instructions whose storage operand has a 12-bit unsigned displacement, with their 20-bit signed
/// twin: lowering writes the short form and the emitter switches when a frame offset does not fit.</summary>
internal static class S390xLongForms
{
    private static readonly Dictionary<string, string> Pairs = new(StringComparer.Ordinal)
    {
        ["l"] = "ly", ["st"] = "sty", ["lh"] = "lhy", ["sth"] = "sthy", ["stc"] = "stcy", ["la"] = "lay",
        ["le"] = "ley", ["ld"] = "ldy", ["ste"] = "stey", ["std"] = "stdy", ["ic"] = "icy",
        ["a"] = "ay", ["s"] = "sy", ["c"] = "cy", ["cl"] = "cly", ["n"] = "ny", ["o"] = "oy", ["x"] = "xy",
        ["cs"] = "csy", ["ms"] = "msy", ["ah"] = "ahy", ["sh"] = "shy", ["mh"] = "mhy", ["ch"] = "chy",
    };

    public static bool TryGet(string mnemonic, out string longForm) => Pairs.TryGetValue(mnemonic, out longForm!);
}
