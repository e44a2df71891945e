using System.Text;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Text;

public static partial class ClifWriter
{
    /// <summary>One instruction without indentation: <c>v3 = iadd v1, v2</c>.</summary>
    public static string InstText(Function func, Inst inst)
    {
        var dfg = func.Dfg;
        var d = dfg[inst];
        var sb = new StringBuilder();
        var results = dfg.InstResults(inst);
        if (results.Count > 0) sb.AppendJoin(", ", results).Append(" = ");
        sb.Append(d.Opcode.Name());
        if (d.DynamicType is { } dt) sb.Append('.').Append(dt);
        else if (!d.ControllingType.IsInvalid) sb.Append('.').Append(d.ControllingType);
        WriteOperands(sb, func, d);
        return sb.ToString();
    }

    private static void WriteOperands(StringBuilder sb, Function func, InstructionData d)
    {
        var a = d.Args;
        string Arg(int i) => i < a.Length ? a[i].ToString() : "v?";
        switch (d.Format)
        {
            case InstructionFormat.Nullary: break;
            case InstructionFormat.Unary: sb.Append(' ').Append(Arg(0)); break;
            case InstructionFormat.UnaryImm:
            {
                var ty = d.ControllingType;
                long imm = d.Imm;
                // Stored zero-extended to the type's width; shown sign-extended, as Cranelift does.
                if (ty.IsInt && ty.Bits < 64)
                {
                    long sext = (imm << (64 - ty.Bits)) >> (64 - ty.Bits);
                    long zext = (long)((ulong)imm & (ulong.MaxValue >> (64 - ty.Bits)));
                    sb.Append(' ').Append(sext > -10_000 && sext < 10_000 ? IntegerText.FormatImm64(sext) : IntegerText.FormatHex((ulong)zext));
                }
                else sb.Append(' ').Append(IntegerText.FormatImm64(imm));
                break;
            }
            case InstructionFormat.UnaryIeee16: sb.Append(' ').Append(IeeeText.Format((ushort)d.Imm, 16)); break;
            case InstructionFormat.UnaryIeee32: sb.Append(' ').Append(IeeeText.Format((uint)d.Imm, 32)); break;
            case InstructionFormat.UnaryIeee64: sb.Append(' ').Append(IeeeText.Format((ulong)d.Imm, 64)); break;
            case InstructionFormat.UnaryConst: sb.Append(' ').Append(ConstOperandText(func, d)); break;
            case InstructionFormat.UnaryGlobalValue: sb.Append(' ').Append(d.GlobalValue); break;
            case InstructionFormat.Binary: sb.Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)); break;
            case InstructionFormat.BinaryImm8: sb.Append(' ').Append(Arg(0)).Append(", ").Append((byte)d.Imm); break;
            case InstructionFormat.BinaryImm64: sb.Append(' ').Append(Arg(0)).Append(", ").Append(IntegerText.FormatImm64(d.Imm)); break;
            case InstructionFormat.Ternary: sb.Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)).Append(", ").Append(Arg(2)); break;
            case InstructionFormat.TernaryImm8: sb.Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)).Append(", ").Append((byte)d.Imm); break;
            case InstructionFormat.Shuffle: sb.Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)).Append(", ").Append(ConstantDataText(func, d.Constant)); break;
            case InstructionFormat.IntCompare: sb.Append(' ').Append(d.IntCond.ToText()).Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)); break;
            case InstructionFormat.IntCompareImm: sb.Append(' ').Append(d.IntCond.ToText()).Append(' ').Append(Arg(0)).Append(", ").Append(IntegerText.FormatImm64(d.Imm)); break;
            case InstructionFormat.FloatCompare: sb.Append(' ').Append(d.FloatCond.ToText()).Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)); break;
            case InstructionFormat.IntAddTrap: sb.Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)).Append(", ").Append(d.Trap); break;
            case InstructionFormat.Jump: sb.Append(' ').Append(BlockCallText(d.Destinations, 0)); break;
            case InstructionFormat.Brif:
                sb.Append(' ').Append(Arg(0)).Append(", ").Append(BlockCallText(d.Destinations, 0)).Append(", ").Append(BlockCallText(d.Destinations, 1));
                break;
            case InstructionFormat.BranchTable:
                sb.Append(' ').Append(Arg(0)).Append(", ");
                if (d.JumpTable.Index < (uint)func.Dfg.JumpTables.Count)
                {
                    var jt = func.Dfg.JumpTables[(int)d.JumpTable.Index];
                    sb.Append(BlockCallText(jt.Default)).Append(", [").AppendJoin(", ", jt.Table.Select(BlockCallText)).Append(']');
                }
                else sb.Append(d.JumpTable);
                break;
            case InstructionFormat.Call: sb.Append(' ').Append(d.FuncRef).Append('(').AppendJoin(", ", a).Append(')'); break;
            case InstructionFormat.CallIndirect:
                sb.Append(' ').Append(d.SigRef).Append(", ").Append(Arg(0)).Append('(').AppendJoin(", ", a.Skip(1)).Append(')');
                break;
            case InstructionFormat.TryCall:
                sb.Append(' ').Append(d.FuncRef).Append('(').AppendJoin(", ", a).Append(')');
                AppendExceptionTable(sb, func, d.ExceptionTable);
                break;
            case InstructionFormat.TryCallIndirect:
                sb.Append(' ').Append(Arg(0)).Append('(').AppendJoin(", ", a.Skip(1)).Append(')');
                AppendExceptionTable(sb, func, d.ExceptionTable);
                break;
            case InstructionFormat.FuncAddr: sb.Append(' ').Append(d.FuncRef); break;
            case InstructionFormat.Load: sb.Append(d.Flags).Append(' ').Append(Arg(0)).Append(IntegerText.FormatOffset(d.Offset)); break;
            case InstructionFormat.Store: sb.Append(d.Flags).Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)).Append(IntegerText.FormatOffset(d.Offset)); break;
            case InstructionFormat.LoadNoOffset: sb.Append(d.Flags).Append(' ').Append(Arg(0)); break;
            case InstructionFormat.StoreNoOffset: sb.Append(d.Flags).Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)); break;
            case InstructionFormat.StackLoad: sb.Append(' ').Append(d.StackSlot).Append(IntegerText.FormatOffset(d.Offset)); break;
            case InstructionFormat.StackStore: sb.Append(' ').Append(Arg(0)).Append(", ").Append(d.StackSlot).Append(IntegerText.FormatOffset(d.Offset)); break;
            case InstructionFormat.Trap: sb.Append(' ').Append(d.Trap); break;
            case InstructionFormat.CondTrap: sb.Append(' ').Append(Arg(0)).Append(", ").Append(d.Trap); break;
            case InstructionFormat.MultiAry: if (a.Length > 0) sb.Append(' ').AppendJoin(", ", a); break;
            case InstructionFormat.AtomicRmw:
                sb.Append(d.Flags).Append(' ').Append(FunctionParser.RmwOpText(d.RmwOp)).Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1));
                break;
            case InstructionFormat.AtomicCas: sb.Append(d.Flags).Append(' ').Append(Arg(0)).Append(", ").Append(Arg(1)).Append(", ").Append(Arg(2)); break;
            default: sb.Append(' ').AppendJoin(", ", a); break;
        }
    }

    /// <summary><c>, sig0, block1(ret0), [ tag1: block2(exn0), default: block3 ]</c>; an empty table prints as <c>[]</c>.</summary>
    private static void AppendExceptionTable(StringBuilder sb, Function func, ExceptionTable et)
    {
        if (et.Index >= (uint)func.Dfg.ExceptionTables.Count) { sb.Append(", ").Append(et); return; }
        var table = func.Dfg.ExceptionTables[(int)et.Index];
        sb.Append(", ").Append(table.Signature).Append(", ").Append(table.NormalReturn).Append(", [");
        if (table.Entries.Length > 0) sb.Append(' ').AppendJoin(", ", table.Entries).Append(' ');
        sb.Append(']');
    }

    private static string ConstOperandText(Function func, InstructionData d)
    {
        if (d.Opcode == Opcode.F128const && d.Constant.Index < (uint)func.Dfg.Constants.Count && func.Dfg.Constants[(int)d.Constant.Index] is { Length: 16 } bytes)
            return IeeeText.Format(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes), 128);
        return ConstantDataText(func, d.Constant);
    }

    private static string ConstantDataText(Function func, Constant c) =>
        c.Index < (uint)func.Dfg.Constants.Count ? ConstantText.Format(func.Dfg.Constants[(int)c.Index]) : c.ToString();

    private static string BlockCallText(BlockCall[] dests, int i) => i < dests.Length ? BlockCallText(dests[i]) : "block?";

    private static string BlockCallText(BlockCall bc) =>
        bc.Args is { Length: > 0 } args ? $"{bc.Block}({string.Join(", ", args)})" : bc.Block.ToString();
}
