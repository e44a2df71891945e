using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Isa.Backend;
using Stencil.Isa.X64;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class RegisterAllocatorTests
{
    private static Reg V(int i) => Reg.Virt(i, RegClass.Int);

    [TestMethod]
    public void ParallelMovesKeepEveryValue()
    {
        // (a, b, c) <- (b, c, a) plus d <- a and a self-move that must vanish.
        var moves = new List<(Reg, Reg)> { (V(0), V(1)), (V(1), V(2)), (V(2), V(0)), (V(3), V(0)), (V(4), V(4)) };
        int temps = 0;
        var seq = ParallelMoves.Sequentialize(moves, r => V(100 + temps++));
        var values = new Dictionary<Reg, int> { [V(0)] = 10, [V(1)] = 11, [V(2)] = 12, [V(3)] = 13, [V(4)] = 14 };
        foreach (var (dst, src) in seq) values[dst] = values[src];
        Assert.AreEqual(11, values[V(0)]);
        Assert.AreEqual(12, values[V(1)]);
        Assert.AreEqual(10, values[V(2)]);
        Assert.AreEqual(10, values[V(3)]);
        Assert.AreEqual(14, values[V(4)]);
        Assert.AreEqual(1, temps, "one temporary breaks the one cycle");
        Assert.AreEqual(5, seq.Count);
    }

    [TestMethod]
    public void SwapNeedsOneTemporary()
    {
        int temps = 0;
        var seq = ParallelMoves.Sequentialize([(V(0), V(1)), (V(1), V(0))], r => V(50 + temps++));
        Assert.AreEqual(3, seq.Count);
        Assert.AreEqual(1, temps);
    }

    /// <summary>Checks an allocation against the exact live ranges: two registers sharing a physical
    /// register never live at once, and none overlaps a fixed use of its register.</summary>
    private static void AssertValid(VCode<MInst> code, RegAllocResult ra)
    {
        var lv = Liveness.Compute(code);
        var byReg = new Dictionary<Reg, List<int>>();
        for (int v = 0; v < code.NumVRegs; v++)
        {
            var a = ra.VRegs[v];
            if (a.IsNone || a.IsSpilled) continue;
            Assert.IsTrue(X64Regs.Env.RegsOf(code.VRegClass(v)).Contains(a.Reg), $"v{v} got {a.Reg}, outside the pool");
            if (!byReg.TryGetValue(a.Reg, out var list)) byReg[a.Reg] = list = [];
            list.Add(v);
        }
        bool Overlap(LiveRange[] x, LiveRange[] y) => x.Any(r => y.Any(s => r.Overlaps(s.From, s.To)));
        foreach (var (preg, vs) in byReg)
        {
            var fixedRanges = lv.RangesOf(preg.PhysIndex).ToArray();
            for (int i = 0; i < vs.Count; i++)
            {
                var ri = lv.RangesOf(Reg.PhysRegCount + vs[i]).ToArray();
                Assert.IsFalse(Overlap(ri, fixedRanges), $"v{vs[i]} in {preg} overlaps a fixed use of it");
                for (int j = i + 1; j < vs.Count; j++)
                    Assert.IsFalse(Overlap(ri, lv.RangesOf(Reg.PhysRegCount + vs[j]).ToArray()), $"v{vs[i]} and v{vs[j]} share {preg} while both live");
            }
        }
    }

    /// <summary>Lowers and allocates with the hull allocator (<c>none</c>) or the range allocator (optimizing levels).</summary>
    private static (VCode<MInst>, RegAllocResult) Allocate(Function f, bool byRanges)
    {
        var code = X64Lowering.Lower(f.Stencil, IsaFlags.Default).Code;
        return (code, byRanges ? RangeAllocator.Allocate(code, X64Regs.Env) : LinearScanAllocator.Allocate(code, X64Regs.Env));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void AllocationUnderPressureIsValidAndSpills(bool byRanges)
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var callee = f.ImportUserFunction(UserExternalName.FromIndex(0, 0), TestIr.Sig([IrType.I64, IrType.I64], [IrType.I64]));
        var vs = new List<Value>();
        for (int i = 0; i < 40; i++) vs.Add(c.Ins().IaddImm(c.Ins().Imul(a[0], a[1]), i));
        var q = c.Ins().Binary(Opcode.Udiv, vs[3], vs[5]);
        var r = f.Dfg.FirstResult(c.Ins().Call(callee, q, vs[7]));
        var acc = c.Ins().Ishl(r, vs[1]);
        foreach (var v in vs) acc = c.Ins().Bxor(acc, v);
        c.Ins().Return(acc);
        var (code, ra) = Allocate(f, byRanges);
        AssertValid(code, ra);
        Assert.IsTrue(ra.SpillSlots > 0, "40 values live across a call cannot all stay in registers");
        Assert.IsTrue(ra.UsedRegs.Any(X64Regs.IsCalleeSaved), "values live across the call use callee-saved registers");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void AllocationOfLoopsIsValid(bool byRanges)
    {
        var f = TestIr.Func([IrType.I64, IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var dfg = f.Dfg;
        var head = dfg.MakeBlock();
        var ps = Enumerable.Range(0, 6).Select(_ => dfg.AppendBlockParam(head, IrType.I64)).ToArray();
        var exit = dfg.MakeBlock();
        c.Ins().Jump(head, a[0], a[1], a[2], a[0], a[1], a[2]);
        c.AtBottom(head);
        var next = ps.Select((p, i) => c.Ins().Iadd(p, ps[(i + 1) % ps.Length])).ToArray();
        c.Ins().Brif(c.Ins().IcmpImm(IntCC.UnsignedLessThan, ps[0], 1000), head, [next[5], next[4], next[3], next[2], next[1], next[0]], exit, []);
        c.AtBottom(exit);
        c.Ins().Return(ps[2]);
        var (code, ra) = Allocate(f, byRanges);
        AssertValid(code, ra);
    }

    /// <summary>A loop counter's next value lives in the hole the counter leaves after its last use, so the
    /// range allocator gives both one register and the latch copy vanishes; the hull allocator cannot.</summary>
    [TestMethod]
    public void RangesLetALoopCounterKeepItsRegister()
    {
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var dfg = f.Dfg;
        var head = dfg.MakeBlock();
        var i = dfg.AppendBlockParam(head, IrType.I64);
        var exit = dfg.MakeBlock();
        c.Ins().Jump(head, a[0]);
        c.AtBottom(head);
        // bxor_imm (not iadd_imm or imul_imm, which have three-address forms) copies the counter into its result first.
        var next = c.Ins().BinaryImm(Opcode.BxorImm, i, 1);
        var exitValue = dfg.AppendBlockParam(exit, IrType.I64);
        c.Ins().Brif(c.Ins().IcmpImm(IntCC.UnsignedLessThan, next, 1000), head, [next], exit, [next]);
        c.AtBottom(exit);
        c.Ins().Return(exitValue);
        var (code, ra) = Allocate(f, byRanges: true);
        AssertValid(code, ra);
        // The back edge's copy: counter <- next.
        var copies = code.Insts.Where(m => m.IsMove(out var d, out var s) && d.IsVirtual && s.IsVirtual && d.VirtIndex < s.VirtIndex).ToList();
        Assert.IsNotEmpty(copies, "the back edge copies the next value into the counter");
        copies[0].IsMove(out var dst, out var src);
        Assert.AreEqual(ra[dst].Reg, ra[src].Reg, $"{dst} <- {src} should share a register");
        var (hullCode, hull) = Allocate(f, byRanges: false);
        hullCode.Insts.First(m => m.IsMove(out var d, out var s) && d.IsVirtual && s.IsVirtual && d.VirtIndex < s.VirtIndex).IsMove(out dst, out src);
        Assert.AreNotEqual(hull[dst].Reg, hull[src].Reg, "the hull allocator keeps the copy (what the range allocator improves on)");
    }

    /// <summary>Spill costs are per instruction spanned: under pressure the values that live long and are read
    /// rarely go to the stack, never the temporaries read right after they are made (spilling those frees nothing).</summary>
    [TestMethod]
    public void SparseLongLivedValuesSpillBeforeShortTemporaries()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var longLived = Enumerable.Range(0, 14).Select(i => c.Ins().IaddImm(c.Ins().Imul(a[0], a[1]), i + 1)).ToList();
        var t = a[1];
        for (int i = 0; i < 30; i++) t = c.Ins().Imul(c.Ins().IaddImm(t, i), t);
        foreach (var v in longLived) t = c.Ins().Bxor(t, v);
        c.Ins().Return(t);
        var (code, ra) = Allocate(f, byRanges: true);
        AssertValid(code, ra);
        Assert.IsTrue(ra.SpillSlots > 0, "14 values live across the chain cannot all stay in 12 registers");
        var lv = Liveness.Compute(code);
        for (int v = 0; v < code.NumVRegs; v++)
        {
            var rs = lv.RangesOf(Reg.PhysRegCount + v).ToArray();
            if (rs.Length == 1 && rs[0].To - rs[0].From <= 4)
                Assert.IsFalse(ra.VRegs[v].IsSpilled, $"v{v} lives for two instructions, yet it was spilled");
        }
    }

    /// <summary>Reads of a spilled value that come close together get a register piece of their own, loaded once, so
    /// fewer instructions read a spill slot than when the value stays spilled at every read.</summary>
    [TestMethod]
    public void ClusteredReadsOfASpilledValueShareOneReload()
    {
        Function Build()
        {
            var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
            var longLived = Enumerable.Range(0, 16).Select(i => c.Ins().IaddImm(c.Ins().Imul(a[0], a[1]), i + 1)).ToList();
            var t = a[1];
            for (int i = 0; i < 20; i++) t = c.Ins().Imul(c.Ins().IaddImm(t, i), t);
            foreach (var v in longLived) t = c.Ins().Imul(c.Ins().Iadd(c.Ins().Bxor(t, v), v), v);
            c.Ins().Return(t);
            return f;
        }
        static int SpilledReads(VCode<MInst> code, RegAllocResult ra) => code.Insts.Sum(inst =>
            Enumerable.Range(0, inst.OperandCount).Count(o => inst.GetOperandKind(o) != OperandKind.Def
                && inst.GetOperand(o) is { IsVirtual: true } r && ra[r].IsSpilled
                && !(inst.IsMove(out var d, out _) && d.IsVirtual && ra[d] == ra[r])));

        var whole = X64Lowering.Lower(Build().Stencil, IsaFlags.Default).Code;
        var wholeRa = RangeAllocator.Allocate(whole, X64Regs.Env);
        var split = X64Lowering.Lower(Build().Stencil, IsaFlags.Default).Code;
        int before = split.Insts.Count;
        var splitRa = RangeAllocator.Allocate(split, X64Regs.Env, (d, s) => MInst.Mov(d, s), (i, o, r) => i.WithOperand(o, r));
        AssertValid(split, splitRa);
        Assert.IsGreaterThan(before, split.Insts.Count, "the split inserts a copy per piece");
        Assert.IsTrue(split.Insts.Any(m => m.IsMove(out var d, out var s) && s.IsVirtual && splitRa[s].IsSpilled && d.IsVirtual && !splitRa[d].IsSpilled),
            "some piece is loaded into a register from its parent's slot");
        Assert.IsLessThan(SpilledReads(whole, wholeRa), SpilledReads(split, splitRa));
    }
}
