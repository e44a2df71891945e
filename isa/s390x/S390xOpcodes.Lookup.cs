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
        foreach (var cells in Lines(Instructions))
        {
            var format = InsnFormats.Get(cells[1]);
            uint code = uint.Parse(cells[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (cells[2].Length * 4 != format.OpcodeBits) throw Bad(cells, $"{format.Name} takes {format.OpcodeBits / 4} hex digits");
            list.Add(Make(cells[0], format, code, format.Signature, cells.Skip(3), [], []));
        }
        list.AddRange(ReadConditions(list));
        list.AddRange(ReadElements(list));
        return list.ToArray();
    }

    /// <summary>An opcode from its tail cells: a signature, <c>slot=value</c> (fixed) and <c>slot|bits</c> (preset).</summary>
    private static S390xOpcode Make(string mnemonic, InsnFormat format, uint code, string signature, IEnumerable<string> tail,
        (int, int)[] fixedSlots, (int, int)[] presets)
    {
        var fixedList = fixedSlots.ToList();
        var presetList = presets.ToList();
        foreach (var cell in tail)
        {
            if (cell.Split('=') is [var f, var v]) fixedList.Add((Int(f), Int(v)));
            else if (cell.Split('|') is [var p, var b]) presetList.Add((Int(p), Int(b)));
            else signature = cell;
        }
        if (signature.Length != format.Slots.Length) throw new InvalidOperationException($"s390x opcode `{mnemonic}`: the signature needs {format.Slots.Length} letters");
        return new S390xOpcode(mnemonic, format, code, signature, fixedList, presetList);
    }

    private static IEnumerable<S390xOpcode> ReadConditions(List<S390xOpcode> bases)
    {
        foreach (var cells in Lines(Extended))
        {
            var b = bases.Single(o => o.Mnemonic == cells[0]);
            int slot = Int(cells[2]);
            bool trap = cells.Length > 3 && cells[3] == "-";
            foreach (var (suffix, mask) in Conditions)
                if (!trap || mask % 2 == 0)
                    yield return new S390xOpcode(string.Format(CultureInfo.InvariantCulture, cells[1], suffix), b.Format, b.Code, b.Signature, [(slot, mask)]);
            if (cells.Length > 3 && !trap) yield return new S390xOpcode(cells[3], b.Format, b.Code, b.Signature, [(slot, 15)]);
        }
    }

    private static IEnumerable<S390xOpcode> ReadElements(List<S390xOpcode> bases)
    {
        foreach (var cells in Lines(Elements))
        {
            var b = bases.Single(o => o.Mnemonic == cells[0]);
            var (slotText, suffixes) = (cells[2].Split(':')[0], cells[2].Split(':')[1]);
            foreach (var suffix in suffixes.Split(','))
                yield return Make(string.Format(CultureInfo.InvariantCulture, cells[1], suffix), b.Format, b.Code, b.Signature, cells.Skip(3),
                    [.. b.Fixed, (Int(slotText), ElementSizes[suffix])], [.. b.Presets]);
        }
    }

    private static IEnumerable<string[]> Lines(string table) => table.Split('\n')
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static InvalidOperationException Bad(string[] cells, string what) => new($"s390x opcode `{string.Join(' ', cells)}`: {what}");

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
            .ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.Fixed.Count + o.Presets.Count).ToArray());
}
