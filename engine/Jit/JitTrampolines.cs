using System.Globalization;
using System.Text;
using Stencil.Engine.Compilation;
using Stencil.Engine.Module;
using Stencil.Ir;
using Stencil.Ir.Text;

namespace Stencil.Engine.Jit;

/// <summary>
/// Host-to-IR trampolines, compiled by Stencil itself into a <see cref="JitModule"/>: for a signature,
/// <c>tramp(fnptr: i64, args: i64, results: i64)</c> loads argument i from <c>args + 16*i</c>, calls
/// <c>fnptr</c> indirectly and stores result i to <c>results + 16*i</c>. C# then calls any function through
/// one pointer type, <c>delegate* unmanaged&lt;nint, nint, nint, void&gt;</c>. One trampoline per signature.
/// </summary>
public sealed class JitTrampolines(JitModule module, Context context)
{
    private readonly Dictionary<string, FuncId> _bySignature = new(StringComparer.Ordinal);

    /// <summary>The trampoline for <paramref name="signature"/>, compiled and defined on first request.</summary>
    /// <exception cref="Stencil.Ir.Diagnostics.DiagnosticException">The backend cannot compile a call with this signature.</exception>
    public FuncId GetOrDefine(Signature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var key = signature.ToString();
        if (_bySignature.TryGetValue(key, out var id)) return id;
        var name = "__stencil_trampoline_" + _bySignature.Count.ToString(CultureInfo.InvariantCulture);
        var function = ClifReader.ParseFunction(Text(name, signature));
        var compiled = Finalizer.Finalize(context.Compile(function.Stencil), function.Params);
        id = module.DefineCompiledCode(compiled, Linkage.Local);
        _bySignature.Add(key, id);
        return id;
    }

    /// <summary>The CLIF text of the trampoline for <paramref name="signature"/>.</summary>
    public static string Text(string name, Signature signature)
    {
        var text = new StringBuilder();
        text.Append("function %").Append(name).Append("(i64, i64, i64) system_v {\n");
        text.Append("    sig0 = ").Append(signature).Append('\n');
        text.Append("block0(v0: i64, v1: i64, v2: i64):\n");
        int next = 3;
        var args = new List<string>();
        for (int i = 0; i < signature.Params.Count; i++)
        {
            var v = "v" + next++;
            text.Append(CultureInfo.InvariantCulture, $"    {v} = load.{signature.Params[i].Type} notrap aligned v1+{16 * i}\n");
            args.Add(v);
        }
        var results = new List<string>();
        for (int i = 0; i < signature.Returns.Count; i++) results.Add("v" + next++);
        text.Append("    ");
        if (results.Count > 0) text.Append(string.Join(", ", results)).Append(" = ");
        text.Append("call_indirect sig0, v0(").Append(string.Join(", ", args)).Append(")\n");
        for (int i = 0; i < results.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"    store notrap aligned {results[i]}, v2+{16 * i}\n");
        text.Append("    return\n}\n");
        return text.ToString();
    }
}
