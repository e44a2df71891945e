using System.Collections;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Text;

/// <summary>
/// Where each instruction of a read function starts, by instruction number. The reader creates
/// instructions in text order and records each one's position as it does, so the table is a plain list
/// rather than a hash map; it still reads as the dictionary <see cref="ClifFunction.InstructionPositions"/> promises.
/// </summary>
internal sealed class InstPositionTable : IReadOnlyDictionary<Inst, (int Line, int Column)>
{
    private readonly List<(int Line, int Column)> _positions;

    public InstPositionTable(int capacity = 0) => _positions = new(capacity);

    /// <summary>Records the position of the next instruction, which must be numbered <see cref="Count"/>.</summary>
    public void Add(Inst inst, int line, int column)
    {
        if (inst.Index != (uint)_positions.Count) throw new InvalidOperationException($"{inst} is not the next instruction");
        _positions.Add((line, column));
    }

    public int Count => _positions.Count;

    public (int Line, int Column) this[Inst key] =>
        TryGetValue(key, out var p) ? p : throw new KeyNotFoundException($"{key} has no recorded position");

    public bool ContainsKey(Inst key) => key.Index < (uint)_positions.Count;

    public bool TryGetValue(Inst key, out (int Line, int Column) value)
    {
        bool found = ContainsKey(key);
        value = found ? _positions[(int)key.Index] : default;
        return found;
    }

    public IEnumerable<Inst> Keys => Enumerable.Range(0, _positions.Count).Select(i => new Inst((uint)i));

    public IEnumerable<(int Line, int Column)> Values => _positions;

    public IEnumerator<KeyValuePair<Inst, (int Line, int Column)>> GetEnumerator()
    {
        for (int i = 0; i < _positions.Count; i++) yield return new(new Inst((uint)i), _positions[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
