using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>The order of blocks in a function and of instructions in each block.</summary>
public sealed class Layout
{
    private readonly List<Block> _blocks = [];
    private readonly Dictionary<Block, List<Inst>> _insts = [];
    private readonly Dictionary<Inst, Block> _instBlock = [];

    public IReadOnlyList<Block> Blocks => _blocks;
    public Block? EntryBlock => _blocks.Count > 0 ? _blocks[0] : null;
    public int BlockCount => _blocks.Count;

    public bool IsBlockInserted(Block block) => _insts.ContainsKey(block);

    public void AppendBlock(Block block)
    {
        if (!_insts.TryAdd(block, [])) throw new InvalidOperationException($"{block} is already in the layout");
        _blocks.Add(block);
    }

    /// <summary>Moves an inserted block to position <paramref name="index"/> of the block order.</summary>
    public void MoveBlock(Block block, int index)
    {
        if (!_insts.ContainsKey(block)) throw new InvalidOperationException($"{block} is not in the layout");
        if ((uint)index >= (uint)_blocks.Count) throw new ArgumentOutOfRangeException(nameof(index));
        _blocks.Remove(block);
        _blocks.Insert(index, block);
    }

    public void AppendInst(Inst inst, Block block) => InsertInst(inst, block, BlockInsts(block).Count);

    public void InsertInst(Inst inst, Block block, int index)
    {
        if (!_insts.TryGetValue(block, out var list)) throw new InvalidOperationException($"{block} is not in the layout");
        if ((uint)index > (uint)list.Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (!_instBlock.TryAdd(inst, block)) throw new InvalidOperationException($"{inst} is already in the layout");
        list.Insert(index, inst);
    }

    /// <summary>Removes blocks (and their instructions) from the layout.</summary>
    public void RemoveBlocksWhere(Predicate<Block> remove)
    {
        foreach (var b in _blocks.Where(b => remove(b)).ToArray())
        {
            foreach (var i in _insts[b]) _instBlock.Remove(i);
            _insts.Remove(b);
            _blocks.Remove(b);
        }
    }

    public void RemoveInst(Inst inst)
    {
        if (_instBlock.Remove(inst, out var block)) _insts[block].Remove(inst);
    }

    public IReadOnlyList<Inst> BlockInsts(Block block) => _insts.TryGetValue(block, out var l) ? l : [];
    public Block? InstBlock(Inst inst) => _instBlock.TryGetValue(inst, out var b) ? b : null;
    public Inst? LastInst(Block block) => _insts.TryGetValue(block, out var l) && l.Count > 0 ? l[^1] : null;

    /// <summary>All instructions in layout order.</summary>
    public IEnumerable<Inst> Insts()
    {
        foreach (var b in _blocks) foreach (var i in _insts[b]) yield return i;
    }
}
