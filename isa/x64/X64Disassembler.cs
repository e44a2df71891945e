using System.Text;
using Iced.Intel;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.X64;

/// <summary>Intel-syntax listing via Iced's <see cref="Decoder"/> and <see cref="IntelFormatter"/>:
/// <c>offset: bytes  instruction</c> per line, relocations on the line after the instruction they patch.</summary>
internal static class X64Disassembler
{
    public static string Disassemble(ReadOnlySpan<byte> code, IReadOnlyList<MachReloc>? relocs, ulong baseAddress)
    {
        var bytes = code.ToArray();
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(bytes), baseAddress);
        var formatter = new IntelFormatter();
        formatter.Options.FirstOperandCharIndex = 8;
        var output = new StringOutput();
        var sb = new StringBuilder();
        ulong end = baseAddress + (ulong)bytes.Length;
        while (decoder.IP < end)
        {
            decoder.Decode(out var instr);
            int start = (int)(instr.IP - baseAddress);
            formatter.Format(instr, output);
            sb.Append($"{start:x4}: ");
            var hex = Convert.ToHexStringLower(bytes, start, instr.Length);
            sb.Append(hex.PadRight(24));
            sb.Append(instr.IsInvalid ? "(bad)" : output.ToStringAndReset());
            sb.Append('\n');
            if (relocs is null) continue;
            foreach (var r in relocs)
                if (r.Offset >= start && r.Offset < start + instr.Length)
                    sb.Append($"      reloc {r.Kind} {r.Target}{(r.Addend >= 0 ? "+" : "")}{r.Addend} @ {r.Offset:x4}\n");
        }
        return sb.ToString();
    }
}
