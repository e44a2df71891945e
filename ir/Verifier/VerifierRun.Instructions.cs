using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>Per-instruction checks: entity references and operand counts, then the rest in a fixed order.</summary>
internal sealed partial class VerifierRun
{
    private void CheckInst(Inst inst, Block block)
    {
        var d = _dfg[inst];
        var info = d.Opcode.Info();
        var rule = OpcodeTypeRules.For(d.Opcode);

        bool entitiesOk = CheckEntities(inst, d);
        bool countOk = CheckOperandCount(inst, d, rule);
        bool valuesOk = CheckValues(inst, block, d);
        // Type checks on operands that are missing, undefined or of a malformed type would only repeat the problems above.
        if (countOk && valuesOk) CheckTypes(inst, d, info, rule, entitiesOk);
        if (!entitiesOk) return;
        CheckDestinations(inst, d);
        if (countOk && valuesOk)
        {
            if (d.Opcode == Opcode.Return) CheckReturn(inst, d);
            if (info.IsCall) CheckCall(inst, d, info);
        }
    }

    /// <summary>Entity references by format; false when one is out of range (checks that follow it are skipped).</summary>
    private bool CheckEntities(Inst inst, InstructionData d)
    {
        bool ok = true;
        // Generic so that the entity is only turned into text when it is reported.
        void Check<T>(bool valid, T what)
        {
            if (valid) return;
            ok = false;
            Report(InvalidEntity, inst, $"refers to {what}, which does not exist");
        }
        void CheckTarget(Block block)
        {
            if (!_dfg.IsValidBlock(block)) Check(false, block);
            else if (!InLayout(block))
            {
                ok = false;
                Report(LayoutMembership, inst, $"branches to {block}, which is not in the layout");
            }
        }

        switch (d.Format)
        {
            case InstructionFormat.UnaryGlobalValue:
                Check(d.GlobalValue.Index < (uint)_func.Stencil.GlobalValues.Count, d.GlobalValue);
                break;
            case InstructionFormat.FuncAddr:
            case InstructionFormat.Call:
            case InstructionFormat.TryCall:
                Check(d.FuncRef.Index < (uint)_dfg.ExtFuncs.Count, d.FuncRef);
                // A bad signature reference of a declared function was reported once, with the declarations.
                if (ok && d.Format != InstructionFormat.FuncAddr) ok = _dfg.ExtFuncs[(int)d.FuncRef.Index].Signature.Index < (uint)_dfg.Signatures.Count;
                break;
            case InstructionFormat.CallIndirect:
                Check(d.SigRef.Index < (uint)_dfg.Signatures.Count, d.SigRef);
                break;
            case InstructionFormat.TryCallIndirect:
                break;
            case InstructionFormat.StackLoad:
            case InstructionFormat.StackStore:
                Check(d.StackSlot.Index < (uint)_func.Stencil.SizedStackSlots.Count, d.StackSlot);
                break;
            case InstructionFormat.BranchTable:
                Check(d.JumpTable.Index < (uint)_dfg.JumpTables.Count, d.JumpTable);
                break;
            case InstructionFormat.UnaryConst:
            case InstructionFormat.Shuffle:
                Check(d.Constant.Index < (uint)_dfg.Constants.Count, d.Constant);
                break;
        }
        if (d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect)
        {
            Check(d.ExceptionTable.Index < (uint)_dfg.ExceptionTables.Count, d.ExceptionTable);
            if (ok) Check(_dfg.ExceptionTables[(int)d.ExceptionTable.Index].Signature.Index < (uint)_dfg.Signatures.Count,
                _dfg.ExceptionTables[(int)d.ExceptionTable.Index].Signature);
            if (ok)
            {
                var table = _dfg.ExceptionTables[(int)d.ExceptionTable.Index];
                CheckTarget(table.NormalReturn.Block);
                foreach (var e in table.Entries) CheckTarget(e.Target.Block);
            }
        }
        foreach (var bc in Destinations(d)) CheckTarget(bc.Block);
        return ok;
    }

    /// <summary>The destinations of the instruction, including its jump table's when that exists.</summary>
    private BranchTargets Destinations(InstructionData d) => BranchTargets.Of(_dfg, d, exceptionEdges: false);

    /// <summary>Reports wrong value-operand and destination counts; true when the value operands (what the type checks read) are complete.</summary>
    private bool CheckOperandCount(Inst inst, InstructionData d, OpcodeTypeRule rule)
    {
        bool ok = true;
        int args = d.Args?.Length ?? 0;
        if (rule.Operands is { } operands)
        {
            if (args != operands.Length)
            {
                Report(OperandCount, inst, $"`{d.Opcode.Name()}` takes {Plural(operands.Length, "value operand")}, not {args}");
                ok = false;
            }
        }
        else if (d.Format is InstructionFormat.CallIndirect or InstructionFormat.TryCallIndirect && args == 0)
        {
            Report(OperandCount, inst, $"`{d.Opcode.Name()}` needs the callee address as its first operand");
            ok = false;
        }

        int expectedDests = d.Format switch { InstructionFormat.Jump => 1, InstructionFormat.Brif => 2, _ => 0 };
        int dests = d.Destinations?.Length ?? 0;
        if (dests != expectedDests)
            Report(OperandCount, inst, $"`{d.Opcode.Name()}` takes {Plural(expectedDests, "branch destination")}, not {dests}");
        return ok;
    }
}
