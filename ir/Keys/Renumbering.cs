using Stencil.Ir.Entities;

namespace Stencil.Ir.Keys;

/// <summary>
/// The numbers the canonical encoding gives blocks and values: reachable blocks in layout order, and the
/// parameters and live results of those blocks in layout order, aliases resolved. Arrays indexed by entity
/// number, because the encoder looks up every operand of every instruction.
/// </summary>
internal sealed class Renumbering
{
    private const uint NoNumber = uint.MaxValue;

    private readonly DataFlowGraph _dfg;
    private readonly uint[] _blocks;
    private readonly uint[] _values;

    public Renumbering(FunctionStencil f, LiveCode live)
    {
        _dfg = f.Dfg;
        _blocks = new uint[_dfg.NumBlocks];
        _values = new uint[_dfg.NumValues];
        Array.Fill(_blocks, NoNumber);
        Array.Fill(_values, NoNumber);
        foreach (var b in f.Layout.BlockSpan)
        {
            if (!live.IsReachable(b)) continue;
            // A reachable block the graph does not have fails here, as it must: there is nothing to encode for it.
            var ps = _dfg.BlockParams(b);
            _blocks[b.Index] = (uint)BlockCount++;
            foreach (var p in ps) Number(p);
            foreach (var inst in f.Layout.InstSpan(b))
                if (live.IsLive(inst)) foreach (var r in _dfg.ResultSpan(inst)) Number(r);
        }
    }

    private uint _valueCount;

    // A value listed twice (only a damaged graph does that) takes the number the next new value would get,
    // as it did when these numbers lived in a dictionary; the format keeps that spelling.
    private void Number(Value v)
    {
        bool first = _values[v.Index] == NoNumber;
        _values[v.Index] = _valueCount;
        if (first) _valueCount++;
    }

    public int BlockCount { get; }

    /// <summary>The block's number; <see cref="uint.MaxValue"/> for a block that is not reachable.</summary>
    public uint Of(Block b) => b.Index < (uint)_blocks.Length ? _blocks[b.Index] : NoNumber;

    /// <summary>A value's number, doubled; a value used but not defined by live code (only in malformed
    /// functions, which the verifier rejects first) still gets a stable spelling: its own raw index, tagged.</summary>
    public ulong Of(Value v)
    {
        var r = _dfg.IsValidValue(v) ? _dfg.ResolveAliases(v) : v;
        return r.Index < (uint)_values.Length && _values[r.Index] != NoNumber ? (ulong)_values[r.Index] << 1 : ((ulong)r.Index << 1) | 1;
    }
}
