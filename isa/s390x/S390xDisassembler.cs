using System.Globalization;
using System.Text;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.S390x;

/// <summary>Our own listing of s390x code in GNU as syntax; what the table cannot decode is shown as <c>.word</c>
/// halfwords (Cranelift's trap, <c>.word 0x0000</c>, is one).</summary>
internal static class S390xDisassembler
{
    /// <summary>The code as statements: offset, length, text, and the instruction when it decoded.</summary>
    public static IEnumerable<(int Offset, int Length, string Text, S390xInst? Inst)> Statements(byte[] code)
    {
        for (int offset = 0; offset < code.Length;)
        {
            if (S390xDecoder.TryDecode(code.AsSpan(offset), out var inst))
            {
                yield return (offset, inst.Length, S390xPrinter.Print(inst), inst);
                offset += inst.Length;
            }
            else if (offset + 1 < code.Length)
            {
                yield return (offset, 2, $".word 0x{code[offset]:x2}{code[offset + 1]:x2}", null);
                offset += 2;
            }
            else
            {
                yield return (offset, 1, $".byte 0x{code[offset]:x2}", null);
                offset++;
            }
        }
    }

    /// <summary><c>offset: bytes  instruction</c> per line, a relative target followed by the address it reaches,
    /// relocations on the line after the instruction they patch.</summary>
    public static string Disassemble(ReadOnlySpan<byte> code, IReadOnlyList<MachReloc>? relocs, ulong baseAddress)
    {
        var bytes = code.ToArray();
        var text = new StringBuilder();
        foreach (var (offset, length, line, inst) in Statements(bytes))
        {
            text.Append(CultureInfo.InvariantCulture, $"{baseAddress + (ulong)offset:x4}: ");
            text.Append(Convert.ToHexStringLower(bytes, offset, length).PadRight(14)).Append(line);
            if (inst?.Operands.FirstOrDefault(o => o.Kind == SlotKind.Rel) is { Kind: SlotKind.Rel } target)
                text.Append(CultureInfo.InvariantCulture, $"  # {baseAddress + (ulong)(offset + target.Value):x}");
            text.Append('\n');
            if (relocs is null) continue;
            foreach (var r in relocs)
                if (r.Offset >= offset && r.Offset < offset + length)
                    text.Append(CultureInfo.InvariantCulture, $"      reloc {r.Kind} {r.Target}{(r.Addend >= 0 ? "+" : "")}{r.Addend} @ {r.Offset:x4}\n");
        }
        return text.ToString();
    }
}
