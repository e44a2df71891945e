using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Backend;

public abstract partial class MachLowering<TInst>
{
    /// <summary>
    /// Checks that an instruction has the operands, destinations and results its format and opcode
    /// promise, so that lowering can index them freely. The verifier normally rejects such input
    /// first; this keeps an unverified function from crashing the backend.
    /// </summary>
    protected void CheckShape(Inst inst)
    {
        var d = Dfg[inst];
        int? args = d.Format switch
        {
            InstructionFormat.Nullary or InstructionFormat.UnaryImm or InstructionFormat.UnaryIeee16 or InstructionFormat.UnaryIeee32
                or InstructionFormat.UnaryIeee64 or InstructionFormat.UnaryConst or InstructionFormat.UnaryGlobalValue
                or InstructionFormat.Jump or InstructionFormat.FuncAddr or InstructionFormat.StackLoad or InstructionFormat.Trap => 0,
            InstructionFormat.Unary or InstructionFormat.BinaryImm64 or InstructionFormat.BinaryImm8 or InstructionFormat.IntCompareImm
                or InstructionFormat.Brif or InstructionFormat.BranchTable or InstructionFormat.Load or InstructionFormat.LoadNoOffset
                or InstructionFormat.StackStore or InstructionFormat.CondTrap => 1,
            InstructionFormat.Binary or InstructionFormat.IntCompare or InstructionFormat.FloatCompare or InstructionFormat.IntAddTrap
                or InstructionFormat.Store or InstructionFormat.StoreNoOffset or InstructionFormat.AtomicRmw or InstructionFormat.TernaryImm8 => 2,
            InstructionFormat.Ternary or InstructionFormat.AtomicCas => 3,
            _ => null,
        };
        if (args is { } n && d.Args.Length != n)
            throw IsaDiagnostics.Malformed($"{inst} (`{d.Opcode.Name()}`) has {d.Args.Length} operands, not {n}");
        if (d.Format == InstructionFormat.CallIndirect && d.Args.Length < 1)
            throw IsaDiagnostics.Malformed($"{inst} (`call_indirect`) has no callee operand");
        foreach (var a in d.Args)
            if (!Dfg.IsValidValue(a)) throw IsaDiagnostics.Malformed($"{inst} uses {a}, which is not a value of this function");
        int dests = d.Format switch { InstructionFormat.Jump => 1, InstructionFormat.Brif => 2, _ => 0 };
        if (d.Destinations.Length != dests)
            throw IsaDiagnostics.Malformed($"{inst} (`{d.Opcode.Name()}`) has {d.Destinations.Length} destinations, not {dests}");
        var expected = Dfg.ExpectedResultTypes(inst);
        if (expected is null || expected.Count != Dfg.InstResultCount(inst))
            throw IsaDiagnostics.Malformed($"{inst} (`{d.Opcode.Name()}`) does not have the results its opcode defines");
    }
}
