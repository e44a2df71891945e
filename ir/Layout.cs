using System.Runtime.InteropServices;
using Stencil.Ir.Collections;
using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>The order of blocks in a function and of instructions in each block.</summary>
public sealed partial class Layout
{
    private readonly List<Block> _blocks = [];
    // Indexed by entity number rather than hashed: readers append one instruction per line and the
    // verifier asks for every operand's block, so these lookups are on the hot path of every build.
    private readonly EntityMap<List<Inst>?> _insts = new();
    private readonly EntityMap<Block?> _instBlock = new();

    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>Makes room for about this many blocks and instructions (see <see cref="DataFlowGraph.Reserve"/>).</summary>
    internal void Reserve(int blocks, int insts)
    {
        _blocks.EnsureCapacity(blocks);
        _instBlock.Reserve(insts);
    }
    public Block? EntryBlock => _blocks.Count > 0 ? _blocks[0] : null;
    public int BlockCount => _blocks.Count;

    public bool IsBlockInserted(Block block) => _insts[block.Index] is not null;

    public void AppendBlock(Block block)
    {
        if (IsBlockInserted(block)) throw new InvalidOperationException($"{block} is already in the layout");
        _insts[block.Index] = [];
        _blocks.Add(block);
    }

    /// <summary>Moves an inserted block to position <paramref name="index"/> of the block order.</summary>
    public void MoveBlock(Block block, int index)
    {
        if (!IsBlockInserted(block)) throw new InvalidOperationException($"{block} is not in the layout");
        if ((uint)index >= (uint)_blocks.Count) throw new ArgumentOutOfRangeException(nameof(index));
        _blocks.Remove(block);
        _blocks.Insert(index, block);
    }

    public void AppendInst(Inst inst, Block block)
    {
        // Readers append every instruction of a function, so this does not go through InsertInst.
        if (_insts[block.Index] is not { } list) throw new InvalidOperationException($"{block} is not in the layout");
        if (_instBlock[inst.Index] is not null) throw new InvalidOperationException($"{inst} is already in the layout");
        _instBlock[inst.Index] = block;
        list.Add(inst);
    }

    public void InsertInst(Inst inst, Block block, int index)
    {
        if (_insts[block.Index] is not { } list) throw new InvalidOperationException($"{block} is not in the layout");
        if ((uint)index > (uint)list.Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (_instBlock[inst.Index] is not null) throw new InvalidOperationException($"{inst} is already in the layout");
        _instBlock[inst.Index] = block;
        list.Insert(index, inst);
    }

    /// <summary>Removes blocks (and their instructions) from the layout.</summary>
    public void RemoveBlocksWhere(Predicate<Block> remove)
    {
        // One pass over the order: removing blocks one at a time would move the rest of the list each time.
        int kept = 0;
        for (int k = 0; k < _blocks.Count; k++)
        {
            var b = _blocks[k];
            if (!remove(b)) { _blocks[kept++] = b; continue; }
            foreach (var i in _insts[b.Index]!) _instBlock[i.Index] = null;
            _insts[b.Index] = null;
        }
        _blocks.RemoveRange(kept, _blocks.Count - kept);
    }

    public void RemoveInst(Inst inst)
    {
        if (_instBlock[inst.Index] is not { } block) return;
        _instBlock[inst.Index] = null;
        // Terminators are what passes remove one at a time: find them at the end without a scan.
        var list = _insts[block.Index]!;
        if (list.Count > 0 && list[^1] == inst) list.RemoveAt(list.Count - 1);
        else list.Remove(inst);
    }

    /// <summary>Removes the instructions of <paramref name="block"/> that <paramref name="remove"/> picks, keeping
    /// the others in order: one pass over the block, where <see cref="RemoveInst"/> costs one each.</summary>
    /// <returns>How many were removed.</returns>
    internal int RemoveInstsWhere(Block block, Predicate<Inst> remove)
    {
        if (_insts[block.Index] is not { } list) return 0;
        int kept = 0;
        for (int k = 0; k < list.Count; k++)
        {
            var inst = list[k];
            if (!remove(inst)) { list[kept++] = inst; continue; }
            _instBlock[inst.Index] = null;
        }
        int removed = list.Count - kept;
        list.RemoveRange(kept, removed);
        return removed;
    }

    /// <summary>Moves every instruction of <paramref name="from"/>, in order, to the end of <paramref name="to"/>.</summary>
    internal void MoveInstsToEnd(Block from, Block to)
    {
        if (_insts[from.Index] is not { } source || _insts[to.Index] is not { } target) throw new InvalidOperationException($"{from} or {to} is not in the layout");
        if (from == to) return;
        foreach (var inst in source) _instBlock[inst.Index] = to;
        target.AddRange(source);
        source.Clear();
    }

    public IReadOnlyList<Inst> BlockInsts(Block block) => _insts[block.Index] ?? (IReadOnlyList<Inst>)[];
    public Block? InstBlock(Inst inst) => _instBlock[inst.Index];
    public Inst? LastInst(Block block) => _insts[block.Index] is { Count: > 0 } l ? l[^1] : null;

    /// <summary><see cref="Blocks"/> for walks over every block of a function that must not mutate the layout meanwhile.</summary>
    internal ReadOnlySpan<Block> BlockSpan => CollectionsMarshal.AsSpan(_blocks);

    /// <summary><see cref="BlockInsts"/> for walks over every instruction that must not mutate the layout meanwhile.</summary>
    internal ReadOnlySpan<Inst> InstSpan(Block block) => CollectionsMarshal.AsSpan(_insts[block.Index]);

    /// <summary>All instructions in layout order.</summary>
    public InstCollection Insts() => new(this);
}
