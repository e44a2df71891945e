using System.Globalization;

namespace Stencil.Isa.S390x;

/// <summary>The table read into its two lookups; a malformed line is a bug of ours and fails at first use.</summary>
internal static partial class S390xOpcodes
{
    private static readonly S390xOpcode[] Opcodes = Read();
    private static readonly Dictionary<string, S390xOpcode> ByMnemonic = IndexByMnemonic();
    private static readonly Dictionary<(string Layout, uint Code), S390xOpcode[]> ByCode = IndexByCode();

    /// <summary>Every opcode, base mnemonics in table order, then the extended ones.</summary>
    public static IReadOnlyList<S390xOpcode> All => Opcodes;

    public static bool TryGet(string mnemonic, out S390xOpcode opcode) => ByMnemonic.TryGetValue(mnemonic, out opcode!);

    public static S390xOpcode Get(string mnemonic) =>
        TryGet(mnemonic, out var op) ? op : throw new InvalidOperationException($"no s390x instruction `{mnemonic}` in the opcode table");

    /// <summary>The opcodes whose opcode fields, laid out as <paramref name="format"/>'s, hold <paramref name="code"/>.</summary>
    public static IReadOnlyList<S390xOpcode> WithCode(InsnFormat format, uint code) =>
        ByCode.TryGetValue((LayoutOf(format), code), out var ops) ? ops : [];

    /// <summary>The formats' distinct opcode layouts for instructions of <paramref name="length"/> bytes, longest opcode first.</summary>
    public static IReadOnlyList<InsnFormat> LayoutsOfLength(int length) => Layouts[length];

    private static readonly Dictionary<int, InsnFormat[]> Layouts = InsnFormats.All
        .GroupBy(f => f.Length)
        .ToDictionary(g => g.Key, g => g.DistinctBy(LayoutOf).OrderByDescending(f => f.OpcodeBits).ToArray());

    private static string LayoutOf(InsnFormat f) => $"{f.Length}:" + string.Join(",", f.OpcodeFields.Select(b => $"{b.Bit}+{b.Width}"));

    private static S390xOpcode[] Read()
    {
        var list = new List<S390xOpcode>();
        foreach (var raw in Instructions.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var format = InsnFormats.Get(cells[1]);
            uint code = uint.Parse(cells[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (cells[2].Length * 4 != format.OpcodeBits) throw new InvalidOperationException($"s390x opcode `{line}`: {format.Name} takes {format.OpcodeBits / 4} hex digits");
            string signature = cells.Length > 3 && !cells[3].Contains('=') ? cells[3] : format.Signature;
            if (signature.Length != format.Slots.Length) throw new InvalidOperationException($"s390x opcode `{line}`: the signature needs {format.Slots.Length} letters");
            var fixedSlots = cells.Skip(3).Where(c => c.Contains('=')).Select(c => c.Split('='))
                .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();
            list.Add(new S390xOpcode(cells[0], format, code, signature, fixedSlots));
        }
        list.AddRange(ReadExtended(list));
        return list.ToArray();
    }

    private static IEnumerable<S390xOpcode> ReadExtended(List<S390xOpcode> bases)
    {
        foreach (var raw in Extended.Split('\n'))
        {
            var cells = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length == 0) continue;
            var b = bases.Single(o => o.Mnemonic == cells[0]);
            int slot = int.Parse(cells[2], CultureInfo.InvariantCulture);
            bool trap = cells.Length > 3 && cells[3] == "-";
            foreach (var (suffix, mask) in Conditions)
                if (!trap || mask % 2 == 0)
                    yield return new S390xOpcode(string.Format(CultureInfo.InvariantCulture, cells[1], suffix), b.Format, b.Code, b.Signature, [(slot, mask)]);
            if (cells.Length > 3 && !trap) yield return new S390xOpcode(cells[3], b.Format, b.Code, b.Signature, [(slot, 15)]);
        }
    }

    private static Dictionary<string, S390xOpcode> IndexByMnemonic()
    {
        var map = new Dictionary<string, S390xOpcode>(StringComparer.Ordinal);
        foreach (var op in Opcodes)
            if (!map.TryAdd(op.Mnemonic, op)) throw new InvalidOperationException($"s390x mnemonic `{op.Mnemonic}` is in the opcode table twice");
        return map;
    }

    private static Dictionary<(string, uint), S390xOpcode[]> IndexByCode() =>
        // An extended mnemonic (more fixed slots) is preferred when decoding, as assemblers print them.
        Opcodes.GroupBy(o => (LayoutOf(o.Format), o.Code))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.Fixed.Count).ToArray());
}
