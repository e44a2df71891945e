using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.FileTests;

/// <summary>
/// The directive table a file's object carries for the fixed C runner (<see cref="ObjectRunHarness"/>), as data in the
/// target's byte order, so the runner is compiled once and each file is only linked. <c>stencil_run_table</c> is
/// 64-bit words: the function count F, the directive count D, F function addresses (the runner prints them, so a
/// fault address can be mapped back to a function and its trap sites), then per directive its trampoline, function,
/// argument slots and result count. Argument slots (<c>stencil_run_args</c>) are 16 bytes each, holding the value's
/// bytes from the slot's start in the target's byte order: exactly what the trampoline's <c>load.T</c> reads.
/// </summary>
internal sealed class ObjectRunTable(Endianness order)
{
    public const string TableSymbol = "stencil_run_table";
    public const int SlotSize = 16;
    public const int WordsPerDirective = 4;
    /// <summary>The runner's result buffer holds this many slots.</summary>
    public const int MaxResults = 64;

    private readonly List<FuncId> _functions = [];
    private readonly List<(FuncId Trampoline, FuncId Function, int FirstSlot, int Results)> _directives = [];
    private readonly List<byte> _slots = [];

    public int DirectiveCount => _directives.Count;

    /// <summary>Registers a function whose address the runner reports; returns its index.</summary>
    public int AddFunction(FuncId function)
    {
        _functions.Add(function);
        return _functions.Count - 1;
    }

    /// <summary>Adds a call of <paramref name="function"/> through <paramref name="trampoline"/>; returns its index.</summary>
    public int AddDirective(FuncId trampoline, FuncId function, IReadOnlyList<TestValue> arguments, int results)
    {
        int first = _slots.Count / SlotSize;
        foreach (var a in arguments)
        {
            var slot = new byte[SlotSize];
            Write(slot.AsSpan(0, a.Type.Bytes), a.Bits, order);
            _slots.AddRange(slot);
        }
        _directives.Add((trampoline, function, first, results));
        return _directives.Count - 1;
    }

    /// <summary>Declares and defines both data objects in <paramref name="module"/>.</summary>
    public void DefineIn(ObjectModule module)
    {
        var args = module.DeclareData("stencil_run_args", Linkage.Local, writable: false);
        module.DefineData(args, _slots.Count == 0 ? new byte[SlotSize] : _slots.ToArray(), SlotSize, []);

        int words = 2 + _functions.Count + WordsPerDirective * _directives.Count;
        var table = new byte[8 * words];
        var relocs = new List<ModuleReloc>();
        Write(table.AsSpan(0, 8), (ulong)_functions.Count, order);
        Write(table.AsSpan(8, 8), (ulong)_directives.Count, order);
        int at = 16;
        foreach (var f in _functions) { relocs.Add(new ModuleReloc((uint)at, Reloc.Abs8, f, 0)); at += 8; }
        foreach (var (trampoline, function, firstSlot, results) in _directives)
        {
            relocs.Add(new ModuleReloc((uint)at, Reloc.Abs8, trampoline, 0));
            relocs.Add(new ModuleReloc((uint)at + 8, Reloc.Abs8, function, 0));
            relocs.Add(new ModuleReloc((uint)at + 16, Reloc.Abs8, args, firstSlot * SlotSize));
            Write(table.AsSpan(at + 24, 8), (ulong)results, order);
            at += 8 * WordsPerDirective;
        }
        var id = module.DeclareData(TableSymbol, Linkage.Export, writable: false);
        module.DefineData(id, table, 8, relocs);
    }

    /// <summary>The value of a result slot the runner printed: the type's bytes from the slot's start.</summary>
    public static UInt128 ReadSlot(ReadOnlySpan<byte> slot, IrType type, Endianness order)
    {
        UInt128 bits = 0;
        var bytes = slot[..type.Bytes];
        if (order == Endianness.Big) foreach (var b in bytes) bits = (bits << 8) | b;
        else for (int i = bytes.Length - 1; i >= 0; i--) bits = (bits << 8) | bytes[i];
        return bits;
    }

    private static void Write(Span<byte> field, UInt128 value, Endianness order)
    {
        if (order == Endianness.Big)
            for (int i = field.Length - 1; i >= 0; i--, value >>= 8) field[i] = (byte)value;
        else
            for (int i = 0; i < field.Length; i++, value >>= 8) field[i] = (byte)value;
    }
}
