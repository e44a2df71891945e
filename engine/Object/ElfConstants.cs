namespace Stencil.Engine.Object;

/// <summary>
/// The ELF64 numbers this writer uses, in one table (System V gABI, the x86-64 and s390x psABIs). Named as in
/// <c>elf.h</c> so they can be checked against it at a glance.
/// </summary>
internal static class ElfConstants
{
    // e_ident
    public const byte ElfClass64 = 2;
    public const byte ElfData2Lsb = 1;
    public const byte ElfData2Msb = 2;
    public const byte EvCurrent = 1;
    public const byte ElfOsAbiNone = 0;
    public const int EiNident = 16;

    // e_type, e_machine
    public const ushort EtRel = 1;
    public const ushort EmS390 = 22;
    public const ushort EmX86_64 = 62;

    // Record sizes
    public const int EhdrSize = 64;
    public const int ShdrSize = 64;
    public const int SymSize = 24;
    public const int RelaSize = 24;

    // Special section indices
    public const ushort ShnUndef = 0;
    public const ushort ShnAbs = 0xfff1;

    // sh_type
    public const uint ShtNull = 0;
    public const uint ShtProgbits = 1;
    public const uint ShtSymtab = 2;
    public const uint ShtStrtab = 3;
    public const uint ShtRela = 4;

    // sh_flags
    public const ulong ShfWrite = 0x1;
    public const ulong ShfAlloc = 0x2;
    public const ulong ShfExecinstr = 0x4;
    public const ulong ShfInfoLink = 0x40;

    // st_info binding (high nibble) and type (low nibble)
    public const byte StbLocal = 0;
    public const byte StbGlobal = 1;
    public const byte StbWeak = 2;
    public const byte SttNotype = 0;
    public const byte SttObject = 1;
    public const byte SttFunc = 2;
    public const byte SttSection = 3;
    public const byte SttFile = 4;

    // st_other visibility
    public const byte StvDefault = 0;
    public const byte StvHidden = 2;

    public static byte SymbolInfo(byte binding, byte type) => (byte)((binding << 4) | (type & 0xf));

    public static ulong RelocationInfo(uint symbol, uint type) => ((ulong)symbol << 32) | type;
}
