using System.Runtime.CompilerServices;
namespace Stencil.Engine.Object;

/// <summary>The symbols of <c>.symtab</c> in index order, starting with the null symbol, encoded into the
/// object when it is written.</summary>
internal sealed class ElfSymbolTable(int expectedSymbols, ElfFields fields) : IElfSectionBody
{
    private readonly List<ElfSymbol> _symbols = new(expectedSymbols + 1) { default };

    public int Count => _symbols.Count;

    public ElfSymbol this[uint index] => _symbols[(int)index];

    public int Length => checked(_symbols.Count * ElfConstants.SymSize);

    /// <summary>Adds <paramref name="symbol"/> and returns its index.</summary>
    public uint Add(ElfSymbol symbol)
    {
        _symbols.Add(symbol);
        return (uint)(_symbols.Count - 1);
    }

    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(Span<byte> destination)
    {
        for (int i = 0; i < _symbols.Count; i++)
            _symbols[i].WriteTo(destination.Slice(i * ElfConstants.SymSize, ElfConstants.SymSize), fields);
    }
}
