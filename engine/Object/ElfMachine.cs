using Stencil.Ir;
using Stencil.Isa;

namespace Stencil.Engine.Object;

/// <summary>
/// What the ELF writer needs to know about a machine, one row per machine it can write for: <c>e_machine</c>, the
/// byte order of every multi-byte field in the file (<c>EI_DATA</c>), and the byte padding code (chosen to trap when
/// executed: int3 on x86-64; on s390x the all-zero halfword is an invalid opcode).
/// </summary>
internal sealed record ElfMachine(Architecture Architecture, ushort Number, Endianness ByteOrder, byte TextPadding)
{
    private static readonly ElfMachine[] Rows =
    [
        new(Architecture.X86_64, ElfConstants.EmX86_64, Endianness.Little, 0xCC),
        new(Architecture.S390x, ElfConstants.EmS390, Endianness.Big, 0x00),
    ];

    /// <summary>The row of <paramref name="architecture"/>; false when objects for it cannot be written.</summary>
    public static bool TryGet(Architecture architecture, out ElfMachine machine)
    {
        machine = Array.Find(Rows, r => r.Architecture == architecture)!;
        return machine is not null;
    }

    /// <summary>The row of <paramref name="architecture"/>; the module checked it is supported.</summary>
    public static ElfMachine Get(Architecture architecture) =>
        TryGet(architecture, out var machine) ? machine : throw new InvalidOperationException($"no ELF machine for {architecture}");

    /// <summary><c>EI_DATA</c>: ELFDATA2LSB or ELFDATA2MSB.</summary>
    public byte DataEncoding => ByteOrder == Endianness.Big ? ElfConstants.ElfData2Msb : ElfConstants.ElfData2Lsb;
}
