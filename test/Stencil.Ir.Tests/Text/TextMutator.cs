using System.Text;

namespace Stencil.Ir.Tests.Text;

/// <summary>Random damage to CLIF text for robustness tests: truncation, stray characters, deleted or duplicated
/// lines and tokens, and snippets that look like CLIF in the wrong place.</summary>
internal static class TextMutator
{
    private static readonly string[] Snippets = ["v", "block", "%", "@", "0x", "-", "+", "(", ")", "[", "]", "{", "}", ",", ":", "=", "->",
        ".", "i128", "f16x8", "NaN:0x", "v99999999", "block4294967295", "\0", "\u00ff", "\uD800", "\n", ";", "function", "iconst.i8 -129",
        "gv0+", "ss9", "fn7", "sig3", "jt0", "const5", "u1:", "explicit_slot", "align = 3", "0x1.0p99999", "-sNaN:0x0"];

    public static string Mutate(string text, Random rng)
    {
        int rounds = 1 + rng.Next(3);
        for (int r = 0; r < rounds && text.Length > 0; r++)
        {
            int pos = rng.Next(text.Length);
            switch (rng.Next(6))
            {
                case 0: text = text[..pos]; break; // truncate
                case 1: // flip one character to an arbitrary byte value
                    var sb = new StringBuilder(text);
                    sb[pos] = (char)rng.Next(0, 256);
                    text = sb.ToString();
                    break;
                case 2: // delete a token-ish span
                    int end = pos;
                    while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
                    text = text.Remove(pos, Math.Max(1, end - pos));
                    break;
                case 3: text = text.Insert(pos, Snippets[rng.Next(Snippets.Length)]); break;
                case 4: // duplicate a line
                    var lines = text.Split('\n').ToList();
                    int l = rng.Next(lines.Count);
                    lines.Insert(l, lines[l]);
                    text = string.Join('\n', lines);
                    break;
                default: // swap two characters
                    int other = rng.Next(text.Length);
                    var chars = text.ToCharArray();
                    (chars[pos], chars[other]) = (chars[other], chars[pos]);
                    text = new string(chars);
                    break;
            }
        }
        return text;
    }
}
