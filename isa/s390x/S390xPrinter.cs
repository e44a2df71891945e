using System.Globalization;
using System.Text;

namespace Stencil.Isa.S390x;

/// <summary>GNU as syntax: <c>ark %r1, %r2, %r3</c>, <c>lg %r2, 8(%r3,%r15)</c>; a relative target as <c>.+N</c>
/// bytes from the instruction.</summary>
internal static class S390xPrinter
{
    public static string Print(S390xInst inst)
    {
        var op = inst.S390xOpcode;
        var text = new StringBuilder(op.Mnemonic);
        int count = inst.Operands.Count;
        while (count > op.MinOperands && inst.Operands[count - 1].Value == 0) count--;
        for (int i = 0; i < count; i++)
        {
            text.Append(i == 0 ? " " : ", ");
            int s = op.OperandSlots[i];
            Append(text, op.Signature[s], inst.Operands[i]);
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, char letter, S390xOperand operand)
    {
        var c = CultureInfo.InvariantCulture;
        switch (operand.Kind)
        {
            case SlotKind.Reg:
                text.Append(RegisterName(letter, (int)operand.Value));
                break;
            case SlotKind.Imm:
                text.Append(operand.Value.ToString(c));
                break;
            case SlotKind.Mem:
                text.Append(operand.Value.ToString(c));
                if (operand.Index != 0) text.Append("(%r").Append(operand.Index.ToString(c)).Append(operand.Base != 0 ? $",%r{operand.Base})" : ",0)");
                else if (operand.Base != 0) text.Append("(%r").Append(operand.Base.ToString(c)).Append(')');
                break;
            default:
                text.Append(operand.Label is { } label ? label.ToString() : (operand.Value < 0 ? "." : ".+") + operand.Value.ToString(c));
                break;
        }
    }

    /// <summary>The register's name for an operand letter of <see cref="S390xOpcode.Signature"/>.</summary>
    public static string RegisterName(char letter, int number) => letter switch
    {
        'f' => $"%f{number}",
        'a' => $"%a{number}",
        'v' => $"%v{number}",
        'w' => number < 16 ? $"%f{number}" : $"%v{number}",
        _ => $"%r{number}",
    };
}
