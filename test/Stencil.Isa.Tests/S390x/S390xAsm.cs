using System.Globalization;
using Stencil.Ir;
using Stencil.Isa.CodeGen;
using Stencil.Isa.S390x;

namespace Stencil.Isa.Tests.S390x;

/// <summary>Assembles parsed statements through <see cref="S390xEncoder"/> and a big-endian <see cref="MachBuffer"/>,
/// so labels go through the buffer's halfword fixups.</summary>
internal static class S390xAsm
{
    /// <summary>The bytes, and the statements' text as our printer writes a relative target (<c>.+N</c> bytes from
    /// the instruction) with label definitions and comments left out.</summary>
    public static (byte[] Code, string Text) Assemble(IReadOnlyList<AsmStatement> statements)
    {
        var buffer = new MachBuffer(Endianness.Big);
        var labels = new Dictionary<string, MachLabel>(StringComparer.Ordinal);
        MachLabel LabelOf(string name) => labels.TryGetValue(name, out var l) ? l : labels[name] = buffer.GetLabel();
        // Cranelift's emit tests bind label 0 at the start of the code and label 1 after the instruction under test.
        buffer.BindLabel(LabelOf("label0"));
        var placed = new List<(AsmStatement.Inst Inst, uint Offset, MachLabel?[] Labels)>();
        var order = new List<object>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AsmStatement.Label label:
                    buffer.BindLabel(LabelOf(label.Name));
                    break;
                case AsmStatement.Word word:
                    buffer.Put2(word.Value);
                    order.Add(word);
                    break;
                case AsmStatement.Inst inst:
                    var targets = inst.Targets.Select(t => t is null || IsDistance(t) ? (MachLabel?)null : LabelOf(Local(t))).ToArray();
                    var operands = inst.Instruction.Operands.Select((o, i) => targets[i] is { } l ? S390xOperand.To(l) : o).ToArray();
                    uint offset = buffer.CurOffset;
                    S390xEncoder.Emit(buffer, inst.Instruction with { Operands = operands });
                    if (!buffer.IsBound(LabelOf("label1"))) buffer.BindLabel(LabelOf("label1"));
                    placed.Add((inst, offset, targets));
                    order.Add(placed[^1]);
                    break;
            }
        }
        var code = buffer.Finish(0, 2).Code;
        var text = order.Select(item => item switch
        {
            AsmStatement.Word w => $".word 0x{w.Value:x4}",
            ValueTuple<AsmStatement.Inst, uint, MachLabel?[]> p => Text(p.Item1, p.Item2, p.Item3, buffer),
            _ => throw new InvalidOperationException(),
        });
        return (code, string.Join(" ; ", text));
    }

    private static string Text(AsmStatement.Inst inst, uint offset, MachLabel?[] labels, MachBuffer buffer)
    {
        var operands = inst.OperandTexts.Select((t, i) =>
        {
            if (inst.Targets[i] is null) return t;
            long distance = labels[i] is { } l ? buffer.LabelOffset(l) - (long)offset : inst.Instruction.Operands[i].Value;
            return (distance < 0 ? "." : ".+") + distance.ToString(CultureInfo.InvariantCulture);
        });
        var mnemonic = inst.Instruction.S390xOpcode.Mnemonic;
        return inst.OperandTexts.Length == 0 ? mnemonic : mnemonic + " " + string.Join(", ", operands);
    }

    private static bool IsDistance(string target) => target.StartsWith('.') || target.All(c => char.IsDigit(c) || c == '-');

    /// <summary><c>1f</c> and <c>0b</c> name the local labels <c>1</c> and <c>0</c> (each is defined once in a case).</summary>
    private static string Local(string target) =>
        target.Length > 1 && (target[^1] is 'f' or 'b') && target[..^1].All(char.IsDigit) ? target[..^1] : target;
}
