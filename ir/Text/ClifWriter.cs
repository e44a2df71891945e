using System.Text;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Ir.Text;

/// <summary>
/// Writes a <see cref="Function"/> in Cranelift's CLIF text form. The output reads back (with
/// <see cref="ClifReader"/>) into a function that writes identically. Deterministic: the same function
/// always gives the same bytes, with <c>\n</c> line ends.
/// </summary>
public static partial class ClifWriter
{
    public static string Write(Function func)
    {
        var sb = new StringWriter { NewLine = "\n" };
        Write(sb, func);
        return sb.ToString();
    }

    public static void Write(TextWriter w, Function func)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(func);
        var dfg = func.Dfg;
        w.Write("function ");
        w.Write(func.Name.ToString());
        w.Write(SignatureText(func.Signature));
        w.Write(" {\n");
        bool any = WritePreamble(w, func);
        var aliases = CollectAliases(dfg);
        bool hasSrcLocs = func.Stencil.HasSrcLocs;
        foreach (var block in func.Layout.Blocks)
        {
            if (any) w.Write('\n');
            any = true;
            w.Write(block.ToString());
            var ps = dfg.IsValidBlock(block) ? dfg.BlockParams(block) : [];
            if (ps.Count > 0)
            {
                w.Write('(');
                for (int i = 0; i < ps.Count; i++)
                {
                    if (i > 0) w.Write(", ");
                    w.Write($"{ps[i]}: {TypeText(dfg, ps[i])}");
                }
                w.Write(')');
            }
            w.Write(":\n");
            foreach (var p in ps) WriteAliases(w, aliases, p, hasSrcLocs);
            foreach (var inst in func.Layout.BlockInsts(block))
            {
                w.Write("    ");
                if (hasSrcLocs)
                {
                    var loc = func.SrcLoc(inst);
                    w.Write(loc.IsDefault ? "      " : loc + " ");
                }
                w.Write(InstText(func, inst));
                w.Write('\n');
                foreach (var r in dfg.InstResults(inst)) WriteAliases(w, aliases, r, hasSrcLocs);
            }
        }
        w.Write("}\n");
    }

    /// <summary><c>(i32, i64 uext) -&gt; i64 system_v</c>, always with the calling convention.</summary>
    public static string SignatureText(Signature sig)
    {
        var sb = new StringBuilder("(");
        sb.AppendJoin(", ", sig.Params.Select(p => p.ToString()));
        sb.Append(')');
        if (sig.Returns.Count > 0) sb.Append(" -> ").AppendJoin(", ", sig.Returns.Select(p => p.ToString()));
        return sb.Append(' ').Append(sig.CallConv.ToText()).ToString();
    }

    private static bool WritePreamble(TextWriter w, Function func)
    {
        bool any = false;
        void Line(string text) { w.Write("    "); w.Write(text); w.Write('\n'); any = true; }
        var st = func.Stencil;
        var dfg = func.Dfg;
        for (int i = 0; i < st.SizedStackSlots.Count; i++) Line($"{new StackSlot((uint)i)} = {st.SizedStackSlots[i]}");
        for (int i = 0; i < st.GlobalValues.Count; i++) Line($"{new GlobalValue((uint)i)} = {GlobalValueText(func, st.GlobalValues[i])}");
        for (int i = 0; i < st.DynamicTypes.Count; i++) Line($"{new DynamicType((uint)i)} = {st.DynamicTypes[i]}");
        for (int i = 0; i < dfg.Signatures.Count; i++) Line($"{new SigRef((uint)i)} = {SignatureText(dfg.Signatures[i])}");
        for (int i = 0; i < dfg.ExtFuncs.Count; i++)
        {
            var f = dfg.ExtFuncs[i];
            Line($"{new FuncRef((uint)i)} = {(f.Colocated ? "colocated " : "")}{ExternalNameText(func, f.Name)} {f.Signature}");
        }
        if (st.StackLimit is { } limit) Line($"stack_limit = {limit}");
        return any;
    }

    private static string GlobalValueText(Function func, GlobalValueData gv) => gv.Kind switch
    {
        GlobalValueKind.VMContext => "vmctx",
        GlobalValueKind.Load => $"load.{gv.GlobalType}{gv.Flags} {gv.Base}{IntegerText.FormatOffset(gv.Offset)}",
        GlobalValueKind.DynScaleTargetConst => $"dyn_scale_target_const.{gv.GlobalType}",
        GlobalValueKind.IAddImm => $"iadd_imm.{gv.GlobalType} {gv.Base}, {IntegerText.FormatImm64(gv.Offset)}",
        _ => $"symbol {(gv.Colocated ? "colocated " : "")}{(gv.Tls ? "tls " : "")}{ExternalNameText(func, gv.Name)}{(gv.Offset > 0 ? "+" : "")}{(gv.Offset != 0 ? IntegerText.FormatImm64(gv.Offset) : "")}",
    };

    /// <summary>User names print as written in the parameters (<c>%foo</c>, <c>u1:2</c>), libcalls and known symbols as <c>%Name</c>.</summary>
    public static string ExternalNameText(Function func, ExternalName name) => name.Kind switch
    {
        ExternalNameKind.User => name.UserRef.Index < (uint)func.Params.UserNamedFuncs.Count
            ? func.Params.GetUserName(name.UserRef).ToString()
            : name.UserRef.ToString(),
        ExternalNameKind.LibCall => "%" + name.LibCall,
        _ => "%" + name.KnownSymbol,
    };

    private static string TypeText(DataFlowGraph dfg, Value v) => dfg.IsValidValue(v) ? dfg.ValueType(v).ToString() : "invalid";

    private static Dictionary<Value, List<Value>> CollectAliases(DataFlowGraph dfg)
    {
        var map = new Dictionary<Value, List<Value>>();
        for (uint i = 0; i < (uint)dfg.NumValues; i++)
        {
            var def = dfg.ValueDef(new Value(i));
            if (def.Kind != ValueDefKind.Alias) continue;
            var target = def.AliasOf;
            if (!map.TryGetValue(target, out var list)) map[target] = list = [];
            list.Add(new Value(i));
        }
        return map;
    }

    /// <summary>Aliases print right after the definition of what they stand for, transitively, in value order.</summary>
    private static void WriteAliases(TextWriter w, Dictionary<Value, List<Value>> aliases, Value target, bool hasSrcLocs)
    {
        if (aliases.Count == 0) return;
        var stack = new Stack<Value>();
        stack.Push(target);
        var seen = new HashSet<Value>();
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!aliases.TryGetValue(t, out var list)) continue;
            foreach (var a in list)
            {
                if (!seen.Add(a)) continue;
                w.Write(hasSrcLocs ? "          " : "    ");
                w.Write($"{a} -> {t}\n");
                stack.Push(a);
            }
        }
    }
}
