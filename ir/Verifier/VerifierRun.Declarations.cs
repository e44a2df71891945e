using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>Function-level checks: imported functions, global values, the stack limit, the entry block, block parameters.</summary>
internal sealed partial class VerifierRun
{
    private void CheckDeclarations()
    {
        for (int i = 0; i < _dfg.ExtFuncs.Count; i++)
        {
            var sig = _dfg.ExtFuncs[i].Signature;
            if (sig.Index >= (uint)_dfg.Signatures.Count)
                Report(InvalidEntity, $"{new FuncRef((uint)i)} refers to {sig}, which does not exist");
        }
        var gvs = _func.Stencil.GlobalValues;
        for (int i = 0; i < gvs.Count; i++)
        {
            var gv = gvs[i];
            if (gv.Kind is GlobalValueKind.Load or GlobalValueKind.IAddImm && gv.Base.Index >= (uint)gvs.Count)
                Report(InvalidEntity, $"{new GlobalValue((uint)i)} is based on {gv.Base}, which does not exist");
        }
        CheckGlobalValueCycles();
        if (_func.Stencil.StackLimit is { } limit && limit.Index >= (uint)gvs.Count)
            Report(InvalidEntity, $"the stack limit is {limit}, which does not exist");
    }

    /// <summary>Chains of global values (loads and offsets from a base) must end; each cycle is reported once,
    /// at its lowest-numbered member.</summary>
    private void CheckGlobalValueCycles()
    {
        var gvs = _func.Stencil.GlobalValues;
        for (int start = 0; start < gvs.Count; start++)
        {
            var chain = new List<int> { start };
            int cur = start;
            while (gvs[cur].Kind is GlobalValueKind.Load or GlobalValueKind.IAddImm && gvs[cur].Base.Index < (uint)gvs.Count)
            {
                cur = (int)gvs[cur].Base.Index;
                int at = chain.IndexOf(cur);
                if (at >= 0)
                {
                    if (at == 0 && chain.Min() == start)
                        Report(InvalidEntity, $"global values form a cycle: {string.Join(" -> ", chain.Append(start).Select(i => new GlobalValue((uint)i)))}");
                    break;
                }
                chain.Add(cur);
            }
        }
    }

    private void CheckEntryBlock()
    {
        if (_layout.EntryBlock is not { } entry || !InLayout(entry)) return;
        var ps = _dfg.BlockParams(entry);
        var sig = _func.Signature.Params;
        if (ps.Count != sig.Count)
        {
            Report(EntryBlockParams, $"entry {entry} has {Plural(ps.Count, "parameter")} but the signature has {sig.Count}");
            return;
        }
        for (int i = 0; i < ps.Count; i++)
        {
            var t = TypeOf(ps[i]);
            if (t != sig[i].Type)
                Report(EntryBlockParams, $"entry {entry} parameter {i} ({ps[i]}) has type {TypeClasses.Text(t)} but the signature says {TypeClasses.Text(sig[i].Type)}");
        }
    }

    private void CheckBlockParams(Block block)
    {
        foreach (var p in _dfg.BlockParams(block))
        {
            var t = TypeOf(p);
            if (!TypeClasses.IsWellFormed(t))
                Report(TypeNotAllowed, $"{block} parameter {p} has type {TypeClasses.Text(t)}, which is not a value type");
        }
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
