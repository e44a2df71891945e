using System.Runtime.InteropServices;
using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>
/// The results of one instruction. Most instructions have exactly one, so it is held inline and an array
/// is only made for two or more, or when <see cref="AsList"/> is first asked for one: reading, verifying
/// and hashing a function (everything a cached build does) then allocates nothing per result.
/// </summary>
internal struct ResultList
{
    private Value _first;
    private Value[]? _all;
    private int _count;

    public readonly int Count => _count;

    public readonly Value First => _count > 0 ? _first : throw new InvalidOperationException("no results");

    public void Add(Value v)
    {
        if (_count == 0) _first = v;
        else
        {
            var grown = new Value[_count + 1];
            if (_all is null) grown[0] = _first;
            else _all.CopyTo(grown, 0);
            grown[^1] = v;
            _all = grown;
        }
        _count++;
    }

    /// <summary>The results as a span; valid while the list holding this entry is not resized.</summary>
    public static ReadOnlySpan<Value> Span(ref ResultList r) => r._count switch
    {
        0 => [],
        1 => MemoryMarshal.CreateReadOnlySpan(ref r._first, 1),
        _ => r._all,
    };

    /// <summary>The results as an exact-size array, made on first use and kept (a result added later makes
    /// a new one, so an array handed out earlier keeps the results it had).</summary>
    public IReadOnlyList<Value> AsList() => _count switch
    {
        0 => [],
        _ => _all ??= [_first],
    };
}
