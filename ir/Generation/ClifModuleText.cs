using Stencil.Ir.Text;

namespace Stencil.Ir.Generation;

/// <summary>The deterministic CLIF text of generated functions: one function after another, separated by a blank line.</summary>
public static class ClifModuleText
{
    public static string Write(IEnumerable<Function> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var w = new StringWriter { NewLine = "\n" };
        bool first = true;
        foreach (var f in functions)
        {
            if (!first) w.Write('\n');
            first = false;
            ClifWriter.Write(w, f);
        }
        return w.ToString();
    }

    /// <summary>The functions split into <paramref name="files"/> texts of consecutive functions, as evenly as possible.</summary>
    public static IReadOnlyList<string> Split(IReadOnlyList<Function> functions, int files)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentOutOfRangeException.ThrowIfLessThan(files, 1);
        files = Math.Min(files, Math.Max(1, functions.Count));
        var texts = new string[files];
        for (int i = 0; i < files; i++)
        {
            int start = (int)((long)functions.Count * i / files), end = (int)((long)functions.Count * (i + 1) / files);
            texts[i] = Write(functions.Skip(start).Take(end - start));
        }
        return texts;
    }
}
