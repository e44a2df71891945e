using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>Agreement of branches with block parameters, returns with the function signature, calls with the callee's.</summary>
internal sealed partial class VerifierRun
{
    private void CheckDestinations(Inst inst, InstructionData d)
    {
        foreach (var bc in Destinations(d))
        {
            if (bc.Block == _layout.EntryBlock)
            {
                // Entry parameters are the incoming ABI arguments; a back edge into the entry would need a second
                // definition of them (Cranelift forbids it too: loops need a header block of their own).
                Report(BranchArguments, inst, $"branches to the entry block {bc.Block}, which cannot be a branch target");
                continue;
            }
            var args = bc.Args ?? [];
            var ps = _dfg.BlockParams(bc.Block);
            if (args.Length != ps.Count)
            {
                Report(BranchArguments, inst, $"passes {Plural(args.Length, "argument")} to {bc.Block}, which has {Plural(ps.Count, "parameter")}");
                continue;
            }
            for (int i = 0; i < args.Length; i++)
            {
                var at = TypeOf(args[i]);
                var pt = TypeOf(ps[i]);
                if (!at.IsInvalid && at != pt)
                    Report(BranchArguments, inst, $"passes {args[i]} of type {TypeClasses.Text(at)} to parameter {ps[i]} of {bc.Block}, which has type {TypeClasses.Text(pt)}");
            }
        }
    }

    private void CheckReturn(Inst inst, InstructionData d)
    {
        var returns = _func.Signature.Returns;
        if (d.Args.Length != returns.Count)
        {
            Report(ReturnValues, inst, $"returns {Plural(d.Args.Length, "value")}, but the signature returns {returns.Count}");
            return;
        }
        for (int i = 0; i < returns.Count; i++)
        {
            var t = ArgType(i);
            if (t != returns[i].Type)
                Report(ReturnValues, inst, $"return value {i + 1} ({d.Args[i]}) has type {t}, but the signature returns {returns[i].Type} there");
        }
    }

    private void CheckCall(Inst inst, InstructionData d, OpcodeInfo info)
    {
        if (_dfg.CallSignature(inst) is not { } sig) return;
        bool indirect = d.Format is InstructionFormat.CallIndirect or InstructionFormat.TryCallIndirect;
        var args = indirect ? d.Args.AsSpan(1) : d.Args.AsSpan();
        // Named only in messages, so only made then.
        string Callee() => d.Format switch
        {
            InstructionFormat.CallIndirect => $"{d.SigRef}",
            InstructionFormat.TryCallIndirect => $"{_dfg.ExceptionTables[(int)d.ExceptionTable.Index].Signature}",
            _ => $"{d.FuncRef}",
        };

        if (indirect && !OperandRule.Address.Accepts(TypeOf(d.Args[0]), IrType.Invalid))
            Report(OperandTypeMismatch, inst, $"callee {d.Args[0]} has type {TypeOf(d.Args[0])}, but an address type (i32 or i64) is needed");

        if (args.Length != sig.Params.Count)
            Report(CallSignature, inst, $"passes {Plural(args.Length, "argument")}, but {Callee()} `{sig}` takes {sig.Params.Count}");
        else
            for (int i = 0; i < args.Length; i++)
            {
                var t = TypeOf(args[i]);
                if (t != sig.Params[i].Type)
                    Report(CallSignature, inst, $"argument {i + 1} ({args[i]}) has type {t}, but {Callee()} `{sig}` takes {sig.Params[i].Type} there");
            }

        if (d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect)
        {
            CheckExceptionTable(inst, d, sig);
            return;
        }

        if (info.IsReturn)
        {
            // A tail call returns the callee's results as this function's own.
            if (!sig.Returns.Select(r => r.Type).SequenceEqual(_func.Signature.Returns.Select(r => r.Type)))
                Report(CallSignature, inst, $"tail-calls {Callee()} `{sig}`, whose returns differ from this function's `{_func.Signature}`");
            return;
        }

        var results = _dfg.InstResults(inst);
        if (results.Count != sig.Returns.Count)
        {
            Report(CallSignature, inst, $"has {Plural(results.Count, "result")}, but {Callee()} `{sig}` returns {sig.Returns.Count}");
            return;
        }
        for (int i = 0; i < results.Count; i++)
        {
            var t = TypeOf(results[i]);
            if (t != sig.Returns[i].Type)
                Report(CallSignature, inst, $"result {results[i]} has type {TypeClasses.Text(t)}, but {Callee()} `{sig}` returns {sig.Returns[i].Type} there");
        }
    }
}
