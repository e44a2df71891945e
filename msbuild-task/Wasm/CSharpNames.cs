using System.Text;

namespace Stencil.Build.Wasm;

/// <summary>C# identifiers for wasm names: PascalCase words from letters and digits, unique within one scope.</summary>
internal sealed class CSharpNames
{
    private readonly HashSet<string> _taken;

    public CSharpNames(params string[] reserved) => _taken = new HashSet<string>(reserved, StringComparer.Ordinal);

    /// <summary>A fresh identifier for <paramref name="name"/>: <c>Hash_Update</c> and <c>hash-update</c> both give <c>HashUpdate</c>,
    /// a second <c>HashUpdate</c> becomes <c>HashUpdate2</c>, and a name with no letters becomes <paramref name="fallback"/>.</summary>
    public string Claim(string name, string fallback)
    {
        var baseName = Pascal(name);
        if (baseName.Length == 0) baseName = fallback;
        if (char.IsDigit(baseName[0])) baseName = "_" + baseName;
        var candidate = baseName;
        for (int n = 2; !_taken.Add(candidate); n++) candidate = baseName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }

    public static string Pascal(string name)
    {
        var sb = new StringBuilder();
        bool upper = true;
        foreach (var c in name)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else upper = true;
        }
        return sb.ToString();
    }

    /// <summary>A name as a C# string literal (wasm names are any UTF-8).</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < ' ' || c > '~') sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
