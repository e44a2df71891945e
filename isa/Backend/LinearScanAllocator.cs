using Stencil.Ir.Collections;

namespace Stencil.Isa.Backend;

/// <summary>
/// Linear-scan register allocation without interval splitting: each virtual register gets one
/// physical register or one spill slot for its whole life (the hull of its live ranges). Physical
/// registers named by instructions (fixed operands, call clobbers) block their register over exactly
/// their live ranges. When registers run out, the interval that ends last is spilled, so allocation
/// never fails; the emitter reloads spilled operands through scratch registers kept out of the pool.
/// Everything is ordered by program point then register index, so the result is deterministic.
/// </summary>
public static class LinearScanAllocator
{
    public static RegAllocResult Allocate<TInst>(VCode<TInst> code, MachineEnv env) where TInst : IMachInst
    {
        var scratch = AllocatorScratch.ForThisThread;
        var operands = scratch.Operands;
        operands.Read(code);
        var liveness = scratch.Liveness;
        int nv = code.NumVRegs;
        liveness.Recompute(operands, code.Blocks, nv);
        var hulls = new LiveRange[nv];
        // Ordered by hull start, then register: (start, register) packed so a plain sort orders them.
        ScratchArray.Grow(ref scratch.Order, nv);
        var order = scratch.Order;
        int count = 0;
        for (int v = 0; v < nv; v++)
        {
            var rs = liveness.RangesOf(Reg.PhysRegCount + v);
            if (rs.Length == 0) continue;
            hulls[v] = new LiveRange(rs[0].From, rs[^1].To);
            order[count++] = ((long)rs[0].From << 32) | (uint)v;
        }
        order.AsSpan(0, count).Sort();

        CollectHints(operands, nv, scratch);
        var hints = scratch.Hints;
        var copyOf = scratch.CopyOf;
        var alloc = new Allocation[nv];
        Array.Fill(alloc, Allocation.None);
        var busyUntil = new int[Reg.PhysRegCount];
        var occupant = new int[Reg.PhysRegCount];
        Array.Fill(busyUntil, -1);
        Array.Fill(occupant, -1);
        var used = new bool[Reg.PhysRegCount];
        int spillSlots = 0;

        bool FixedFree(Reg p, LiveRange h)
        {
            // Ranges are sorted and disjoint, so their ends are sorted too: find the first ending at or after h.From.
            var rs = liveness.RangesOf(p.PhysIndex);
            int lo = 0, hi = rs.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (rs[mid].To < h.From) lo = mid + 1; else hi = mid;
            }
            return lo == rs.Length || rs[lo].From > h.To;
        }

        for (int k = 0; k < count; k++)
        {
            int v = (int)(uint)order[k];
            var h = hulls[v];
            var pool = env.RegsOf(code.VRegClass(v));
            Reg? chosen = null;
            if (hints[v] >= 0 && Reg.FromPhysIndex(hints[v]) is var hint && pool.Contains(hint) && busyUntil[hint.PhysIndex] < h.From && FixedFree(hint, h)) chosen = hint;
            // A copy of a value that dies at the copy can take over its register, and the copy vanishes.
            if (chosen is null && copyOf[v] >= 0 && alloc[copyOf[v]] is { IsSpilled: false, IsNone: false } src
                && busyUntil[src.Reg.PhysIndex] < h.From && FixedFree(src.Reg, h))
                chosen = src.Reg;
            if (chosen is null)
                foreach (var p in pool)
                    if (busyUntil[p.PhysIndex] < h.From && FixedFree(p, h)) { chosen = p; break; }
            if (chosen is null)
            {
                // Evict the occupant that lives longest past this interval, if it outlives it.
                Reg? victim = null;
                foreach (var p in pool)
                    if (busyUntil[p.PhysIndex] > h.To && FixedFree(p, h) && (victim is null || busyUntil[p.PhysIndex] > busyUntil[victim.Value.PhysIndex]))
                        victim = p;
                if (victim is { } vp)
                {
                    alloc[occupant[vp.PhysIndex]] = Allocation.Spilled(spillSlots++);
                    chosen = vp;
                }
            }
            if (chosen is { } c)
            {
                alloc[v] = Allocation.InReg(c);
                busyUntil[c.PhysIndex] = h.To;
                occupant[c.PhysIndex] = v;
                used[c.PhysIndex] = true;
            }
            else alloc[v] = Allocation.Spilled(spillSlots++);
        }

        return Result(code, alloc, spillSlots, used, liveness);
    }

    /// <summary>The result, listing as used every register allocated or named by an instruction.</summary>
    internal static RegAllocResult Result<TInst>(VCode<TInst> code, Allocation[] alloc, int spillSlots, bool[] used, Liveness liveness) where TInst : IMachInst
    {
        // Each slot is handed to one virtual register, whose class sizes it.
        var slotClasses = new RegClass[spillSlots];
        for (int v = 0; v < alloc.Length; v++)
            if (alloc[v].IsSpilled) slotClasses[alloc[v].SpillSlot] = code.VRegClass(v);
        var usedRegs = new List<Reg>();
        for (int p = 0; p < Reg.PhysRegCount; p++)
            if (used[p] || liveness.RangesOf(p).Length > 0) usedRegs.Add(Reg.FromPhysIndex(p));
        return new RegAllocResult(alloc, slotClasses, usedRegs);
    }

    /// <summary>For copies between a virtual and a physical register, prefer that physical register
    /// (argument and return moves then vanish); for a copy between virtual registers, remember the
    /// source so the destination can reuse its register. The first such copy wins. Fills the scratch's
    /// <c>Hints</c> (a <see cref="Reg.PhysIndex"/>) and <c>CopyOf</c> (a virtual register), -1 where there is none.</summary>
    internal static void CollectHints(OperandTable operands, int virtualRegisters, AllocatorScratch scratch)
    {
        ScratchArray.Grow(ref scratch.Hints, virtualRegisters);
        ScratchArray.Grow(ref scratch.CopyOf, virtualRegisters);
        var hints = scratch.Hints;
        var copyOf = scratch.CopyOf;
        Array.Fill(hints, -1, 0, virtualRegisters);
        Array.Fill(copyOf, -1, 0, virtualRegisters);
        foreach (var (dst, src) in operands.Moves)
        {
            if (dst.IsVirtual && src.IsPhysical && hints[dst.VirtIndex] < 0) hints[dst.VirtIndex] = src.PhysIndex;
            else if (src.IsVirtual && dst.IsPhysical && hints[src.VirtIndex] < 0) hints[src.VirtIndex] = dst.PhysIndex;
            else if (dst.IsVirtual && src.IsVirtual && dst.Class == src.Class && copyOf[dst.VirtIndex] < 0) copyOf[dst.VirtIndex] = src.VirtIndex;
        }
    }
}
