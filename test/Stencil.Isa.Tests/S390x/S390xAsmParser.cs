using System.Globalization;
using Stencil.Isa.CodeGen;
using Stencil.Isa.S390x;

namespace Stencil.Isa.Tests.S390x;

/// <summary>One statement of a line of s390x assembly: a label definition, a <c>.word</c>, or an instruction with
/// the text of each operand (to find the relative ones again).</summary>
internal abstract record AsmStatement
{
    public sealed record Label(string Name) : AsmStatement;
    public sealed record Word(ushort Value) : AsmStatement;
    public sealed record Inst(S390xInst Instruction, string[] OperandTexts, string?[] Targets) : AsmStatement;
}

/// <summary>
/// A small parser for the GNU as syntax of the encoder corpus: statements separated by <c>;</c>, <c># comments</c>,
/// numeric local labels (<c>0:</c>, <c>1f</c>, <c>0b</c>), <c>labelN</c>, <c>.+N</c> and bare numbers (byte distances
/// from the instruction) as relative targets. It reads the operands by the opcode table's slots, so it shares the
/// table with the encoder but none of its bit layout. Throws <see cref="FormatException"/> on what it cannot read.
/// </summary>
internal static class S390xAsmParser
{
    public static List<AsmStatement> ParseLine(string line)
    {
        var statements = new List<AsmStatement>();
        int hash = line.IndexOf('#');
        if (hash >= 0) line = line[..hash];
        foreach (var raw in line.Split(';'))
        {
            var text = raw.Trim();
            while (text.Length > 1 && text.IndexOf(':') is var colon and > 0 && text[..colon].All(char.IsDigit))
            {
                statements.Add(new AsmStatement.Label(text[..colon]));
                text = text[(colon + 1)..].Trim();
            }
            if (text.Length == 0) continue;
            statements.Add(ParseStatement(text));
        }
        return statements;
    }

    private static AsmStatement ParseStatement(string text)
    {
        int space = text.IndexOf(' ');
        string mnemonic = space < 0 ? text : text[..space];
        var operands = space < 0 ? [] : SplitOperands(text[(space + 1)..]);
        if (mnemonic == ".word") return new AsmStatement.Word((ushort)Integer(operands.Single()));
        if (!S390xOpcodes.TryGet(mnemonic, out var op)) throw new FormatException($"no `{mnemonic}` in the opcode table");
        if (operands.Length < op.MinOperands || operands.Length > op.OperandSlots.Count)
            throw new FormatException($"`{mnemonic}` takes {(op.MinOperands == op.OperandSlots.Count ? "" : $"{op.MinOperands} to ")}{op.OperandSlots.Count} operands, got {operands.Length}");
        var parsed = new S390xOperand[operands.Length];
        var targets = new string?[operands.Length];
        for (int i = 0; i < operands.Length; i++)
        {
            int s = op.OperandSlots[i];
            var kind = op.Format.Slots[s].Kind;
            if (kind == SlotKind.Rel)
            {
                targets[i] = operands[i];
                parsed[i] = Relative(operands[i]);
            }
            else parsed[i] = Operand(kind, operands[i]);
        }
        return new AsmStatement.Inst(new S390xInst(op, parsed), operands, targets);
    }

    /// <summary>A relative target: a byte distance now, or a label the caller binds (value 0 until then).</summary>
    private static S390xOperand Relative(string text)
    {
        if (text.StartsWith('%')) throw new FormatException($"relocation against `{text}`: the s390x rows of RelocTable come with the object writer");
        if (text.StartsWith(".+") || text.StartsWith(".-")) return S390xOperand.Offset(Integer(text[1..].Replace("+", "")));
        if (TryInteger(text, out var bytes)) return S390xOperand.Offset(bytes);
        return S390xOperand.Offset(0);
    }

    private static S390xOperand Operand(SlotKind kind, string text) => kind switch
    {
        SlotKind.Reg or SlotKind.VReg => S390xOperand.Reg(Register(text)),
        SlotKind.Imm => S390xOperand.Imm(Integer(text)),
        _ => Memory(text),
    };

    private static S390xOperand Memory(string text)
    {
        int open = text.IndexOf('(');
        if (open < 0) return S390xOperand.Mem(Integer(text), 0, 0);
        long disp = open == 0 ? 0 : Integer(text[..open]);
        var inner = text[(open + 1)..text.IndexOf(')')].Split(',');
        return inner.Length == 1
            ? S390xOperand.Mem(disp, 0, Register(inner[0]))
            : S390xOperand.Mem(disp, Register(inner[0]), Register(inner[1]));
    }

    private static int Register(string text)
    {
        text = text.Trim();
        if (text.Length > 2 && text[0] == '%' && "rfva".Contains(text[1])) return (int)Integer(text[2..]);
        return (int)Integer(text);
    }

    private static long Integer(string text) =>
        TryInteger(text, out var value) ? value : throw new FormatException($"`{text}` is not a number");

    private static bool TryInteger(string text, out long value)
    {
        text = text.Trim();
        bool negative = text.StartsWith('-');
        if (negative) text = text[1..];
        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative) value = -value;
        return ok;
    }

    private static string[] SplitOperands(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(text[start..].Trim());
        return parts.ToArray();
    }
}
