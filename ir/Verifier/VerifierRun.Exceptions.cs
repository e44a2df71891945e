using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>Agreement of a <c>try_call</c>'s exception table with its callee and its destination blocks.</summary>
internal sealed partial class VerifierRun
{
    private void CheckExceptionTable(Inst inst, InstructionData d, Signature sig)
    {
        var table = _dfg.ExceptionTables[(int)d.ExceptionTable.Index];
        if (d.Format == InstructionFormat.TryCall && _dfg.ExtFuncs[(int)d.FuncRef.Index].Signature != table.Signature
            && !SameSignature(_dfg.Signatures[(int)_dfg.ExtFuncs[(int)d.FuncRef.Index].Signature.Index], sig))
            Report(CallSignature, inst, $"calls {d.FuncRef}, whose signature differs from the exception table's {table.Signature} `{sig}`");
        if (_dfg.InstResults(inst).Count != 0)
            Report(CallSignature, inst, $"`{d.Opcode.Name()}` defines no results; its callee's returns reach the normal-return block as `retN` arguments");
        CheckExceptionDestination(inst, table.NormalReturn, sig);
        foreach (var e in table.Entries) CheckExceptionDestination(inst, e.Target, sig);
    }

    private static bool SameSignature(Signature a, Signature b) =>
        a.CallConv == b.CallConv && a.Params.SequenceEqual(b.Params) && a.Returns.SequenceEqual(b.Returns);

    private void CheckExceptionDestination(Inst inst, ExceptionBlockCall dest, Signature sig)
    {
        if (dest.Block == _layout.EntryBlock)
        {
            Report(BranchArguments, inst, $"branches to the entry block {dest.Block}, which cannot be a branch target");
            return;
        }
        var ps = _dfg.BlockParams(dest.Block);
        if (dest.Args.Length != ps.Count)
        {
            Report(BranchArguments, inst, $"passes {Plural(dest.Args.Length, "argument")} to {dest.Block}, which has {Plural(ps.Count, "parameter")}");
            return;
        }
        for (int i = 0; i < dest.Args.Length; i++)
        {
            var a = dest.Args[i];
            var pt = TypeOf(ps[i]);
            IrType at;
            switch (a.Kind)
            {
                case BlockArgKind.TryCallRet:
                    if (a.Index >= (uint)sig.Returns.Count)
                    {
                        Report(BranchArguments, inst, $"passes {a} to {dest.Block}, but the callee `{sig}` returns {Plural(sig.Returns.Count, "value")}");
                        continue;
                    }
                    at = sig.Returns[(int)a.Index].Type;
                    break;
                case BlockArgKind.TryCallExn:
                    // Payload registers are pointer-sized; their number is the target's business.
                    if (!OperandRule.Address.Accepts(pt, IrType.Invalid))
                        Report(BranchArguments, inst, $"passes {a} to parameter {ps[i]} of {dest.Block}, which has type {TypeClasses.Text(pt)}; exception payloads are i32 or i64");
                    continue;
                default:
                    at = TypeOf(a.AsValue);
                    break;
            }
            if (!at.IsInvalid && at != pt)
                Report(BranchArguments, inst, $"passes {a} of type {TypeClasses.Text(at)} to parameter {ps[i]} of {dest.Block}, which has type {TypeClasses.Text(pt)}");
        }
    }
}
