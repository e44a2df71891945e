using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Applies constant folding and the rules of <see cref="SimplifyRules"/> to one instruction until none
/// applies. Operands must already be rewritten to their representatives. Commutative operations and
/// comparisons first get a lone constant onto the right, the one shape the rules match.
/// </summary>
internal static class Simplifier
{
    private const int MaxSteps = 8;

    public static SimplifyOutcome Simplify(DataFlowGraph dfg, Inst inst, out Value replacement, OptimizationStats stats)
    {
        replacement = default;
        bool changed = false;
        for (int step = 0; step < MaxSteps; step++)
        {
            if (ConstantFolder.TryFold(dfg, inst))
            {
                stats.ConstantsFolded++;
                return SimplifyOutcome.Rewritten;
            }
            changed |= PutConstantRight(dfg, inst);
            if (SimplifyRules.For(dfg[inst].Opcode).IsEmpty) break;
            var m = new RuleMatch(dfg, inst);
            bool applied = false;
            foreach (var rule in SimplifyRules.For(m.Data.Opcode))
            {
                if (!rule.AnyType && !IntConstants.IsFoldableType(m.Type)) continue;
                if (!rule.When(m)) continue;
                stats.RulesApplied++;
                switch (rule.Then)
                {
                    case RuleAction.UseValue use:
                        replacement = use.Pick(m);
                        return SimplifyOutcome.Replaced;
                    case RuleAction.Remove:
                        return SimplifyOutcome.Removed;
                    case RuleAction.Constant c:
                        IntConstants.MakeIconst(dfg, inst, dfg.ValueType(dfg.FirstResult(inst)), c.Value(m));
                        return SimplifyOutcome.Rewritten;
                    case RuleAction.Become b:
                    {
                        var args = b.Args(m);
                        // Immediates are stored sign-extended from the operation's width, as the verifier requires.
                        long imm = m.Bits is > 0 and < 64 ? IntConstants.SignExtend(IntConstants.Mask((ulong)b.Imm(m), m.Bits), m.Bits) : b.Imm(m);
                        // Explicitly typed opcodes (extensions) keep their result type; others infer it from operands.
                        var ctrl = b.Opcode.Info().CtrlArg == -1 ? dfg.ValueType(dfg.FirstResult(inst)) : IrType.Invalid;
                        InstEdit.Become(m.Data, b.Opcode, args, imm, ctrl);
                        break;
                    }
                    case RuleAction.CopyCompare c:
                    {
                        var src = c.Source(m);
                        var cond = c.Invert ? src.IntCond.Inverse() : src.IntCond;
                        InstEdit.Become(m.Data, src.Opcode, [.. src.Args], src.Imm);
                        m.Data.IntCond = cond;
                        break;
                    }
                    case RuleAction.FoldAddress f:
                    {
                        var inner = dfg[dfg.ValueDef(dfg.ResolveAliases(m.Data.Args[f.AddressArg])).Inst];
                        m.Data.Offset = checked((int)(m.Data.Offset + inner.Imm));
                        m.Data.Args[f.AddressArg] = inner.Args[0];
                        break;
                    }
                }
                applied = true;
                changed = true;
                break;
            }
            if (!applied) break;
        }
        return changed ? SimplifyOutcome.Rewritten : SimplifyOutcome.Unchanged;
    }

    /// <summary><c>op k, x</c> to <c>op x, k</c> for commutative ops; <c>icmp cc k, x</c> to <c>icmp swapped(cc) x, k</c>.</summary>
    private static bool PutConstantRight(DataFlowGraph dfg, Inst inst)
    {
        var d = dfg[inst];
        if (d.Args.Length != 2 || !(InstKey.IsCommutative(d.Opcode) || d.Opcode == Opcode.Icmp)) return false;
        if (!IntConstants.TryGet(dfg, d.Args[0], out _) || IntConstants.TryGet(dfg, d.Args[1], out _)) return false;
        (d.Args[0], d.Args[1]) = (d.Args[1], d.Args[0]);
        if (d.Opcode == Opcode.Icmp) d.IntCond = d.IntCond.Swapped();
        return true;
    }
}
