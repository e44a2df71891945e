using Stencil.Ir.Entities;
using static Stencil.Ir.Verification.VerifierDiagnosticCodes;

namespace Stencil.Ir.Verification;

/// <summary>Type checks: the controlling type against the opcode's class, operands against their rules,
/// conversion relations, result types, immediates.</summary>
internal sealed partial class VerifierRun
{
    private void CheckTypes(Inst inst, InstructionData d, OpcodeInfo info, OpcodeTypeRule rule, bool entitiesOk)
    {
        var ctrl = !d.ControllingType.IsInvalid ? d.ControllingType
            : info.CtrlArg >= 0 && info.CtrlArg < d.Args.Length ? ArgType(info.CtrlArg)
            : IrType.Invalid;

        bool ctrlOk = true;
        if (rule.Ctrl != TypeClass.None)
        {
            if (ctrl.IsInvalid)
            {
                Report(ResultTypeMismatch, inst, $"`{d.Opcode.Name()}` needs an explicit controlling type, like `{d.Opcode.Name()}.i64`");
                ctrlOk = false;
            }
            else if (!TypeClasses.IsWellFormed(ctrl))
            {
                Report(TypeNotAllowed, inst, $"controlling type {TypeClasses.Text(ctrl)} is not a value type");
                ctrlOk = false;
            }
            else if (!rule.Ctrl.Admits(ctrl))
            {
                Report(TypeNotAllowed, inst, $"`{d.Opcode.Name()}` does not accept {ctrl}; it needs {rule.Ctrl.Describe()}");
                ctrlOk = false;
            }
        }
        if (!ctrlOk) return;

        bool operandsOk = CheckOperandTypes(inst, d, rule, ctrl);
        if (operandsOk) CheckRelation(inst, d, rule, ctrl);
        if (info.Results != ResultRule.Call) CheckResults(inst, d, info);
        if (entitiesOk) CheckImmediate(inst, d, rule, ctrl);
        if (d.Opcode == Opcode.GlobalValue && entitiesOk)
        {
            var gv = _func.Stencil.GlobalValues[(int)d.GlobalValue.Index];
            // A dynamic scale is a lane-group count; its GlobalType names the vector it scales.
            var gvType = gv.Kind == GlobalValueKind.DynScaleTargetConst ? IrType.I64 : gv.GlobalType;
            if (gvType != ctrl) Report(ResultTypeMismatch, inst, $"result type {ctrl} differs from the type {TypeClasses.Text(gvType)} of {d.GlobalValue}");
        }
    }

    private bool CheckOperandTypes(Inst inst, InstructionData d, OpcodeTypeRule rule, IrType ctrl)
    {
        if (rule.Operands is not { } operands) return true;
        // Rules with operand lists are for fixed-arity opcodes of at most a few operands.
        Span<IrType> types = stackalloc IrType[operands.Length];
        for (int i = 0; i < types.Length; i++) types[i] = ArgType(i);
        bool ok = true;

        // Operands that must all share the controlling type: one message naming all of them reads better
        // than one per operand ("arguments have types i32 and i64").
        int sameCount = 0;
        bool sameDiffer = false;
        for (int i = 0; i < operands.Length; i++)
        {
            if (operands[i].Kind != OperandRuleKind.Ctrl) continue;
            sameCount++;
            if (types[i] != ctrl) sameDiffer = true;
        }
        bool combined = sameCount >= 2 && d.ControllingType.IsInvalid;
        if (combined && sameDiffer)
        {
            var named = new List<string>(sameCount);
            for (int i = 0; i < operands.Length; i++)
                if (operands[i].Kind == OperandRuleKind.Ctrl) named.Add(types[i].ToString());
            Report(OperandTypeMismatch, inst, $"arguments have types {string.Join(" and ", named)}");
            ok = false;
        }

        for (int i = 0; i < operands.Length; i++)
        {
            if (combined && operands[i].Kind == OperandRuleKind.Ctrl) continue;
            if (operands[i].Accepts(types[i], ctrl)) continue;
            Report(OperandTypeMismatch, inst, $"operand {i + 1} ({d.Args[i]}) has type {types[i]}, but `{d.Opcode.Name()}` needs {operands[i].Describe(ctrl)} there");
            ok = false;
        }
        return ok;
    }

    private void CheckRelation(Inst inst, InstructionData d, OpcodeTypeRule rule, IrType ctrl)
    {
        var op = rule.Operands is { Length: > 0 } ? ArgType(0) : IrType.Invalid;
        string? problem = rule.Relation switch
        {
            TypeRelation.OperandNarrower when op.LaneCount != ctrl.LaneCount || op.LaneBits >= ctrl.LaneBits =>
                $"converts {op} to {ctrl}, but the result must be wider than the operand",
            TypeRelation.OperandWider when op.LaneCount != ctrl.LaneCount || op.LaneBits <= ctrl.LaneBits =>
                $"converts {op} to {ctrl}, but the result must be narrower than the operand",
            TypeRelation.SameSize when op.Bits != ctrl.Bits =>
                $"bitcast from {op} ({op.Bits} bits) to {ctrl} ({ctrl.Bits} bits) changes the size",
            TypeRelation.SameLaneCount when op.LaneCount != ctrl.LaneCount =>
                $"converts {op} to {ctrl}, but both must have the same number of lanes",
            TypeRelation.WiderThanMemory when ctrl.Bits <= rule.MemoryBits =>
                $"`{d.Opcode.Name()}` accesses {rule.MemoryBits} bits of memory, so its type must be wider than that, not {ctrl}",
            TypeRelation.ExactType when ctrl != rule.Exact =>
                $"`{d.Opcode.Name()}` works on {rule.Exact} only, not {ctrl}",
            _ => null,
        };
        if (problem is not null) Report(TypeNotAllowed, inst, problem);
    }

    private void CheckResults(Inst inst, InstructionData d, OpcodeInfo info)
    {
        var actual = _dfg.ResultSpan(inst);
        if (!_dfg.TryGetResultTypes(inst, out var expected))
        {
            Report(ResultTypeMismatch, inst, $"the result types of `{d.Opcode.Name()}` cannot be derived from controlling type {TypeClasses.Text(_dfg.ControllingType(inst))}");
            return;
        }
        if (actual.Length != expected.Count)
        {
            Report(ResultTypeMismatch, inst, $"has {Plural(actual.Length, "result")}, but `{d.Opcode.Name()}` produces {expected.Count}");
            return;
        }
        for (int i = 0; i < actual.Length; i++)
        {
            var t = TypeOf(actual[i]);
            if (t != expected[i])
                Report(ResultTypeMismatch, inst, $"result {actual[i]} has type {TypeClasses.Text(t)}, but `{d.Opcode.Name()}` produces {expected[i]}");
        }
    }

    private void CheckImmediate(Inst inst, InstructionData d, OpcodeTypeRule rule, IrType ctrl)
    {
        long imm = d.Imm;
        string? problem = rule.Immediate switch
        {
            ImmediateRule.FitsType when !FitsBits(imm, ctrl.Bits) => $"immediate {imm} does not fit in {ctrl}",
            ImmediateRule.ShiftAmount when imm < 0 || imm >= ctrl.LaneBits => $"shift amount {imm} is not below the lane width {ctrl.LaneBits} of {ctrl}",
            ImmediateRule.LaneIndex when imm < 0 || imm >= ctrl.LaneCount => $"lane index {imm} is out of range for {ctrl} ({ctrl.LaneCount} lanes)",
            ImmediateRule.Bits16 when !FitsBits(imm, 16) => $"immediate 0x{imm:x} is not the bits of a 16-bit float",
            ImmediateRule.Bits32 when !FitsBits(imm, 32) => $"immediate 0x{imm:x} is not the bits of a 32-bit float",
            ImmediateRule.ConstantMatchesType => ConstantSizeProblem(d, ctrl),
            ImmediateRule.ShuffleMask => ShuffleMaskProblem(d),
            _ => null,
        };
        problem ??= StackOffsetProblem(d, ctrl);
        if (problem is not null) Report(ImmediateOutOfRange, inst, problem);
    }

    /// <summary>Whether a 64-bit immediate stands for a <paramref name="bits"/>-wide value, written signed or unsigned.</summary>
    private static bool FitsBits(long imm, int bits) => bits >= 64 || (imm >= -(1L << (bits - 1)) && imm < (1L << bits));

    private string? ConstantSizeProblem(InstructionData d, IrType ctrl)
    {
        var type = d.Opcode == Opcode.F128const ? IrType.F128 : ctrl;
        int size = _dfg.Constants[(int)d.Constant.Index]?.Length ?? 0;
        return size == type.Bytes ? null : $"{d.Constant} holds {size} bytes, but {type} needs {type.Bytes}";
    }

    private string? ShuffleMaskProblem(InstructionData d)
    {
        var mask = _dfg.Constants[(int)d.Constant.Index] ?? [];
        if (mask.Length != 16) return $"shuffle mask {d.Constant} holds {mask.Length} bytes, not 16";
        int bad = Array.FindIndex(mask, b => b >= 32);
        return bad < 0 ? null : $"shuffle mask {d.Constant} selects lane {mask[bad]} at position {bad}; lanes go up to 31";
    }

    /// <summary>Stack slot accesses must stay inside the slot (a stack address may point just past it).</summary>
    private string? StackOffsetProblem(InstructionData d, IrType ctrl)
    {
        if (d.Format is not (InstructionFormat.StackLoad or InstructionFormat.StackStore)) return null;
        var slot = _func.Stencil.SizedStackSlots[(int)d.StackSlot.Index];
        long size = d.Opcode == Opcode.StackAddr ? 0 : ctrl.Bytes;
        if (d.Offset >= 0 && d.Offset + size <= slot.Size) return null;
        return d.Opcode == Opcode.StackAddr
            ? $"offset {d.Offset} is outside {d.StackSlot} ({slot.Size} bytes)"
            : $"accessing {size} bytes at offset {d.Offset} goes outside {d.StackSlot} ({slot.Size} bytes)";
    }
}
