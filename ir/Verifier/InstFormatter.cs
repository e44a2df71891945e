using System.Globalization;
using System.Text;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Verification;

/// <summary>
/// A compact, CLIF-like rendering of one instruction for diagnostic messages. It is deliberately
/// independent of the text writer and never throws, because it runs on malformed instructions.
/// </summary>
internal static class InstFormatter
{
    public static string Format(Function func, Inst inst)
    {
        var dfg = func.Dfg;
        if (!dfg.IsValidInst(inst)) return inst.ToString();
        var d = dfg[inst];
        if ((uint)d.Opcode >= (uint)OpcodeTable.All.Count) return $"<opcode {(int)d.Opcode}>";

        var sb = new StringBuilder(d.Opcode.Name());
        if (d.DynamicType is { } dt) sb.Append('.').Append(dt);
        else if (!d.ControllingType.IsInvalid) sb.Append('.').Append(TypeClasses.Text(d.ControllingType));
        var parts = new List<string>();
        var args = d.Args ?? [];
        string Vals(IEnumerable<Value> vs) => string.Join(", ", vs);
        string Mem(int argIndex) => (argIndex < args.Length ? args[argIndex].ToString() : "?") + Off(d.Offset);

        switch (d.Format)
        {
            case InstructionFormat.UnaryImm: parts.Add(SignExtended(d.Imm, d.ControllingType).ToString(CultureInfo.InvariantCulture)); break;
            case InstructionFormat.UnaryIeee16: parts.Add($"0x{d.Imm & 0xFFFF:x4}"); break;
            case InstructionFormat.UnaryIeee32: parts.Add(BitConverter.Int32BitsToSingle((int)d.Imm).ToString("R", CultureInfo.InvariantCulture)); break;
            case InstructionFormat.UnaryIeee64: parts.Add(BitConverter.Int64BitsToDouble(d.Imm).ToString("R", CultureInfo.InvariantCulture)); break;
            case InstructionFormat.UnaryConst: parts.Add(d.Constant.ToString()); break;
            case InstructionFormat.UnaryGlobalValue: parts.Add(d.GlobalValue.ToString()); break;
            case InstructionFormat.BinaryImm8:
            case InstructionFormat.BinaryImm64:
            case InstructionFormat.TernaryImm8:
                parts.AddRange(args.Select(a => a.ToString()));
                parts.Add(d.Imm.ToString(CultureInfo.InvariantCulture));
                break;
            case InstructionFormat.Shuffle:
                parts.AddRange(args.Select(a => a.ToString()));
                parts.Add(d.Constant.ToString());
                break;
            case InstructionFormat.IntCompare:
                parts.Add(CondText(d.IntCond) + " " + Vals(args));
                break;
            case InstructionFormat.IntCompareImm:
                parts.Add(CondText(d.IntCond) + " " + Vals(args));
                parts.Add(d.Imm.ToString(CultureInfo.InvariantCulture));
                break;
            case InstructionFormat.FloatCompare:
                parts.Add(CondText(d.FloatCond) + " " + Vals(args));
                break;
            case InstructionFormat.IntAddTrap:
            case InstructionFormat.CondTrap:
                parts.AddRange(args.Select(a => a.ToString()));
                parts.Add(d.Trap.ToString());
                break;
            case InstructionFormat.Trap: parts.Add(d.Trap.ToString()); break;
            case InstructionFormat.Jump:
            case InstructionFormat.Brif:
                parts.AddRange(args.Select(a => a.ToString()));
                parts.AddRange(d.Destinations.Select(BlockCallText));
                break;
            case InstructionFormat.BranchTable:
                parts.AddRange(args.Select(a => a.ToString()));
                parts.Add(d.JumpTable.ToString());
                break;
            case InstructionFormat.Call:
                parts.Add($"{d.FuncRef}({Vals(args)})");
                break;
            case InstructionFormat.CallIndirect:
                parts.Add(d.SigRef.ToString());
                parts.Add(args.Length > 0 ? $"{args[0]}({Vals(args.Skip(1))})" : "?()");
                break;
            case InstructionFormat.TryCall:
                parts.Add($"{d.FuncRef}({Vals(args)})");
                parts.Add(d.ExceptionTable.ToString());
                break;
            case InstructionFormat.TryCallIndirect:
                parts.Add(args.Length > 0 ? $"{args[0]}({Vals(args.Skip(1))})" : "?()");
                parts.Add(d.ExceptionTable.ToString());
                break;
            case InstructionFormat.FuncAddr: parts.Add(d.FuncRef.ToString()); break;
            case InstructionFormat.Load: parts.Add(Flags(d) + Mem(0)); break;
            case InstructionFormat.Store:
                parts.Add(Flags(d) + (args.Length > 0 ? args[0].ToString() : "?"));
                parts.Add(Mem(1));
                break;
            case InstructionFormat.LoadNoOffset:
            case InstructionFormat.StoreNoOffset:
                parts.Add(Flags(d) + Vals(args));
                break;
            case InstructionFormat.StackLoad: parts.Add(d.StackSlot + Off(d.Offset)); break;
            case InstructionFormat.StackStore:
                parts.AddRange(args.Select(a => a.ToString()));
                parts.Add(d.StackSlot + Off(d.Offset));
                break;
            case InstructionFormat.AtomicRmw:
                parts.Add(Flags(d) + RmwText(d.RmwOp) + " " + Vals(args));
                break;
            case InstructionFormat.AtomicCas:
                parts.Add(Flags(d) + Vals(args));
                break;
            default:
                parts.AddRange(args.Select(a => a.ToString()));
                break;
        }
        var operands = string.Join(", ", parts.Where(p => p.Length > 0));
        if (operands.Length > 0) sb.Append(' ').Append(operands);
        return sb.ToString();
    }

    private static string BlockCallText(BlockCall bc) =>
        bc.Args is { Length: > 0 } a ? $"{bc.Block}({string.Join(", ", a)})" : bc.Block.ToString();

    private static string Off(int offset) => offset == 0 ? "" : offset > 0 ? "+" + offset : offset.ToString(CultureInfo.InvariantCulture);

    private static string Flags(InstructionData d)
    {
        var f = d.Flags.ToString().TrimStart();
        return f.Length == 0 ? "" : f + " ";
    }

    private static string CondText(IntCC cc) => Enum.IsDefined(cc) ? cc.ToText() : $"<cc {(int)cc}>";
    private static string CondText(FloatCC cc) => Enum.IsDefined(cc) ? cc.ToText() : $"<cc {(int)cc}>";
    private static string RmwText(AtomicRmwOp op) => Enum.IsDefined(op) ? op.ToString().ToLowerInvariant() : $"<op {(int)op}>";

    /// <summary>iconst immediates are stored zero-extended to their type's width; text shows them signed.</summary>
    private static long SignExtended(long imm, IrType type) =>
        type.Bits is > 0 and < 64 ? (imm << (64 - type.Bits)) >> (64 - type.Bits) : imm;
}
