using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>
/// Numbering's table from <see cref="InstKey"/> to the instruction that first computed it and its block: open
/// addressing with linear probing, kept per thread and emptied by bumping a generation stamp, so a function
/// neither allocates a table nor clears one. It grows (to twice the live entries) only when a function has more
/// keys than any before it on this thread.
/// </summary>
internal sealed class InstKeyTable
{
    [ThreadStatic] private static InstKeyTable? t_current;

    private InstKey[] _keys = new InstKey[256];
    private (Inst Inst, Block Block)[] _values = new (Inst, Block)[256];
    // Slot i is occupied when _stamps[i] == _generation; every other stamp is an empty slot.
    private int[] _stamps = new int[256];
    private int _generation = 1;
    private int _count;
    // Slots are picked by the top bits of a Fibonacci product: the key's hash is not mixed well in its low bits.
    private int _shift = 32 - 8;

    /// <summary>This thread's table, emptied.</summary>
    public static InstKeyTable Rent()
    {
        var table = t_current ??= new InstKeyTable();
        table.Clear();
        return table;
    }

    private void Clear()
    {
        _count = 0;
        if (++_generation != int.MaxValue) return;
        // After two billion functions the stamps wrap: start them over.
        Array.Clear(_stamps);
        _generation = 1;
    }

    public bool TryGetValue(in InstKey key, out (Inst Inst, Block Block) value)
    {
        int mask = _keys.Length - 1;
        for (int i = Slot(key); _stamps[i] == _generation; i = (i + 1) & mask)
            if (_keys[i].Equals(key))
            {
                value = _values[i];
                return true;
            }
        value = default;
        return false;
    }

    /// <summary>Adds the key, or replaces what it maps to.</summary>
    public void Set(in InstKey key, (Inst Inst, Block Block) value)
    {
        int mask = _keys.Length - 1;
        int i = Slot(key);
        for (; _stamps[i] == _generation; i = (i + 1) & mask)
            if (_keys[i].Equals(key))
            {
                _values[i] = value;
                return;
            }
        _keys[i] = key;
        _values[i] = value;
        _stamps[i] = _generation;
        if (++_count * 2 > _keys.Length) Grow();
    }

    private int Slot(in InstKey key) => (int)(((uint)key.GetHashCode() * 0x9E3779B9u) >> _shift);

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var stamps = _stamps;
        int generation = _generation;
        _keys = new InstKey[keys.Length * 2];
        _values = new (Inst, Block)[keys.Length * 2];
        _stamps = new int[keys.Length * 2];
        _generation = 1;
        _shift--;
        int mask = _keys.Length - 1;
        for (int j = 0; j < keys.Length; j++)
        {
            if (stamps[j] != generation) continue;
            int i = Slot(keys[j]);
            while (_stamps[i] == _generation) i = (i + 1) & mask;
            _keys[i] = keys[j];
            _values[i] = values[j];
            _stamps[i] = _generation;
        }
    }
}
