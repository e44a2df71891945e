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

    /// <summary>Splits the read clusters of the spilled virtual registers of <paramref name="code"/> in place.</summary>
    /// <returns>For each virtual register the split made (indices from the old count on), its parent; null when
    /// nothing was split and the code is unchanged.</returns>
    public static int[]? Split<TInst>(VCode<TInst> code, Allocation[] alloc, Func<Reg, Reg, TInst> move,
        Func<TInst, int, Reg, TInst> withOperand) where TInst : IMachInst
    {
        var clusters = FindClusters(code, alloc);
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
        foreach (var blk in code.Blocks)
        {
            var rebuilt = new VCodeBlock(insts.Count);
            rebuilt.Successors.AddRange(blk.Successors);
            for (int i = blk.Start; i < blk.End; i++)
            {
                if (copiesBefore.TryGetValue(i, out var copies))
                    foreach (var (piece, parent) in copies)
                    {
                        insts.Add(move(piece, parent));
                        locs.Add(code.SrcLocs[i]);
                    }
                var inst = code.Insts[i];
                if (renames.TryGetValue(i, out var rs))
                    foreach (var (operand, piece) in rs) inst = withOperand(inst, operand, piece);
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
    private static List<(int VReg, List<(int Inst, int Operand)> Reads)> FindClusters<TInst>(VCode<TInst> code, Allocation[] alloc) where TInst : IMachInst
    {
        var found = new List<(int, List<(int, int)>)>();
        var open = new Dictionary<int, List<(int Inst, int Operand)>>();
        var writes = new List<int>();
        void Close(int v)
        {
            if (!open.Remove(v, out var reads)) return;
            if (reads[^1].Inst != reads[0].Inst) found.Add((v, reads));
        }
        foreach (var blk in code.Blocks)
        {
            for (int i = blk.Start; i < blk.End; i++)
            {
                var inst = code.Insts[i];
                writes.Clear();
                for (int o = 0; o < inst.OperandCount; o++)
                    if (inst.GetOperandKind(o) != OperandKind.Use && inst.GetOperand(o) is { IsVirtual: true } w && alloc[w.VirtIndex].IsSpilled)
                        writes.Add(w.VirtIndex);
                for (int o = 0; o < inst.OperandCount; o++)
                {
                    if (inst.GetOperandKind(o) != OperandKind.Use || inst.GetOperand(o) is not { IsVirtual: true } r) continue;
                    int v = r.VirtIndex;
                    if (!alloc[v].IsSpilled || writes.Contains(v)) continue;
                    if (open.TryGetValue(v, out var reads) && i - reads[^1].Inst > MaxGap) { Close(v); reads = null; }
                    if (reads is null) open[v] = reads = [];
                    reads.Add((i, o));
                }
                // A write ends the value's cluster: the piece would no longer hold its value.
                foreach (int w in writes) Close(w);
            }
            if (open.Count > 0)
                foreach (int v in open.Keys.Order().ToList()) Close(v);
        }
        found.Sort((a, b) => a.Item2[0].Item1 != b.Item2[0].Item1 ? a.Item2[0].Item1.CompareTo(b.Item2[0].Item1) : a.Item1.CompareTo(b.Item1));
        return found;
    }
}
