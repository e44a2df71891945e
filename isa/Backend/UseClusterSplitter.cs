namespace Stencil.Isa.Backend;

/// <summary>
/// Live-range splitting between the range allocator's two rounds. A value the first round spilled is reloaded at
/// every read; where its reads come in clusters (several within <see cref="MaxGap"/> instructions of each other in
/// one block, with no write of the value among them) each cluster gets a short virtual register of its own, copied
/// from the value just before the cluster's first read. The value itself is then read rarely and spills cheaply,
/// while each piece competes for a register only over its cluster, where it may push out sparser values (regalloc2
/// splits its bundles for the same reason). A piece that spills anyway takes its parent's slot, so its copy
/// vanishes (<see cref="AliasSpilledPieces"/>).
/// </summary>
public static class UseClusterSplitter
{
    /// <summary>The most instructions between two reads of one cluster: a wider gap is cheaper to reload across.</summary>
    public const int MaxGap = 12;

    /// <summary>Splits the read clusters of the spilled virtual registers of <paramref name="code"/> in place, reading
    /// its operands from <paramref name="operands"/> and writing those of the rewritten code to <paramref name="split"/>
    /// (untouched when nothing is split).</summary>
    /// <returns>For each virtual register the split made (indices from the old count on), its parent; null when
    /// nothing was split and the code is unchanged.</returns>
    internal static int[]? Split<TInst>(VCode<TInst> code, OperandTable operands, OperandTable split, Allocation[] alloc,
        Func<Reg, Reg, TInst> move, Func<TInst, int, Reg, TInst> withOperand) where TInst : IMachInst
    {
        var clusters = FindClusters(code, operands, alloc);
        if (clusters.Count == 0) return null;

        int oldCount = code.NumVRegs;
        var parents = new int[clusters.Count];
        // Copies to insert before an instruction, and operands to rename, keyed by instruction index.
        var copiesBefore = new Dictionary<int, List<(Reg Piece, Reg Parent)>>();
        var renames = new Dictionary<int, List<(int Operand, Reg Piece)>>();
        for (int c = 0; c < clusters.Count; c++)
        {
            var (parent, reads) = clusters[c];
            var parentReg = Reg.Virt(parent, code.VRegClass(parent));
            var piece = code.NewVReg(parentReg.Class);
            parents[c] = parent;
            Add(copiesBefore, reads[0].Inst, (piece, parentReg));
            foreach (var (inst, operand) in reads) Add(renames, inst, (operand, piece));
        }

        var insts = new List<TInst>(code.Insts.Count + clusters.Count);
        var locs = new List<Stencil.Ir.RelSourceLoc>(insts.Capacity);
        var blocks = new List<VCodeBlock>(code.Blocks.Count);
        split.Clear();
        foreach (var blk in code.Blocks)
        {
            var rebuilt = new VCodeBlock(insts.Count);
            rebuilt.Successors.AddRange(blk.Successors);
            for (int i = blk.Start; i < blk.End; i++)
            {
                if (copiesBefore.TryGetValue(i, out var copies))
                    foreach (var (piece, parent) in copies)
                    {
                        var copy = move(piece, parent);
                        insts.Add(copy);
                        split.Append(copy);
                        locs.Add(code.SrcLocs[i]);
                    }
                var inst = code.Insts[i];
                if (renames.TryGetValue(i, out var rs))
                {
                    foreach (var (operand, piece) in rs) inst = withOperand(inst, operand, piece);
                    split.Append(inst);
                }
                else split.AppendCopy(operands, i);
                insts.Add(inst);
                locs.Add(code.SrcLocs[i]);
            }
            rebuilt.End = insts.Count;
            blocks.Add(rebuilt);
        }
        code.Insts.Clear();
        code.Insts.AddRange(insts);
        code.SrcLocs.Clear();
        code.SrcLocs.AddRange(locs);
        code.Blocks.Clear();
        code.Blocks.AddRange(blocks);

        var all = new int[code.NumVRegs];
        for (int v = 0; v < oldCount; v++) all[v] = -1;
        for (int c = 0; c < parents.Length; c++) all[oldCount + c] = parents[c];
        return all;
    }

    /// <summary>Gives every spilled piece its parent's slot (the parent is unchanged over the piece's life, so the slot
    /// holds its value) and numbers the slots still in use densely.</summary>
    public static int AliasSpilledPieces(Allocation[] alloc, int[] parents)
    {
        for (int v = 0; v < alloc.Length; v++)
            if (parents[v] >= 0 && alloc[v].IsSpilled && alloc[parents[v]].IsSpilled) alloc[v] = alloc[parents[v]];
        var renumber = new Dictionary<int, int>();
        for (int v = 0; v < alloc.Length; v++)
        {
            if (!alloc[v].IsSpilled) continue;
            if (!renumber.TryGetValue(alloc[v].SpillSlot, out int slot)) renumber[alloc[v].SpillSlot] = slot = renumber.Count;
            alloc[v] = Allocation.Spilled(slot);
        }
        return renumber.Count;
    }

    private static void Add<T>(Dictionary<int, List<T>> map, int key, T item)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(item);
    }

    /// <summary>Read clusters of spilled registers with reads at two instructions or more, in program order.</summary>
    private static List<(int VReg, List<(int Inst, int Operand)> Reads)> FindClusters<TInst>(VCode<TInst> code, OperandTable operands,
        Allocation[] alloc) where TInst : IMachInst
    {
        var found = new List<(int, List<(int, int)>)>();
        var open = new Dictionary<int, List<(int Inst, int Operand)>>();
        var writes = new List<int>();
        var stillOpen = new List<int>();
        var starts = operands.Starts;
        var regs = operands.Regs;
        var kinds = operands.Kinds;
        void Close(int v)
        {
            if (!open.Remove(v, out var reads)) return;
            if (reads[^1].Inst != reads[0].Inst) found.Add((v, reads));
        }
        foreach (var blk in code.Blocks)
        {
            for (int i = blk.Start; i < blk.End; i++)
            {
                int from = starts[i], to = starts[i + 1];
                writes.Clear();
                // Clobbers name physical registers only, so the virtual tests below skip them.
                for (int e = from; e < to; e++)
                    if (kinds[e] != OperandKind.Use && regs[e] - Reg.PhysRegCount is var w and >= 0 && alloc[w].IsSpilled)
                        writes.Add(w);
                for (int e = from; e < to; e++)
                {
                    if (kinds[e] != OperandKind.Use || regs[e] < Reg.PhysRegCount) continue;
                    int v = regs[e] - Reg.PhysRegCount;
                    if (!alloc[v].IsSpilled || writes.Contains(v)) continue;
                    if (open.TryGetValue(v, out var reads) && i - reads[^1].Inst > MaxGap) { Close(v); reads = null; }
                    if (reads is null) open[v] = reads = [];
                    reads.Add((i, e - from));
                }
                // A write ends the value's cluster: the piece would no longer hold its value.
                foreach (int w in writes) Close(w);
            }
            if (open.Count == 0) continue;
            stillOpen.Clear();
            stillOpen.AddRange(open.Keys);
            stillOpen.Sort();
            foreach (int v in stillOpen) Close(v);
        }
        found.Sort((a, b) => a.Item2[0].Item1 != b.Item2[0].Item1 ? a.Item2[0].Item1.CompareTo(b.Item2[0].Item1) : a.Item1.CompareTo(b.Item1));
        return found;
    }
}
