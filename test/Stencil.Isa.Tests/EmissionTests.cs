using Stencil.Ir;
using Stencil.Ir.Names;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class EmissionTests
{
    private static Function Sample()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var callee = f.ImportUserFunction(UserExternalName.FromSymbol("ext"), TestIr.Sig([IrType.I64], [IrType.I64]));
        var x = c.Ins().Imul(a[0], a[1]);
        var r = f.Dfg.FirstResult(c.Ins().Call(callee, x));
        c.Ins().Return(c.Ins().Binary(Opcode.Sdiv, r, a[1]));
        return f;
    }

    [TestMethod]
    public void CompilingTwiceGivesIdenticalOutput()
    {
        var a = TestIr.Compile(Sample());
        var b = TestIr.Compile(Sample());
        CollectionAssert.AreEqual(a.Code, b.Code);
        CollectionAssert.AreEqual(a.Relocs.ToArray(), b.Relocs.ToArray());
        CollectionAssert.AreEqual(a.Traps.ToArray(), b.Traps.ToArray());
        Assert.AreEqual(a.FrameSize, b.FrameSize);
        var other = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default).Compile(Sample().Stencil);
        CollectionAssert.AreEqual(a.Code, other.Code);
    }

    [TestMethod]
    public void DisassemblyShowsInstructionsAndRelocations()
    {
        var compiled = TestIr.Compile(Sample());
        var text = TestIr.Isa.Disassemble(compiled.Code, compiled.Relocs);
        StringAssert.StartsWith(text, "0000: 55");
        StringAssert.Contains(text, "push    rbp");
        StringAssert.Contains(text, "imul");
        StringAssert.Contains(text, "call");
        StringAssert.Contains(text, "reloc X86CallPLTRel4 userextname0-4");
        StringAssert.Contains(text, "idiv");
        StringAssert.Contains(text, "ud2");
        Assert.IsTrue(text.TrimEnd().EndsWith("ret", StringComparison.Ordinal), text);
        Assert.IsFalse(text.Contains("(bad)"), text);
    }

    [TestMethod]
    public void SourceLocationsCoverTheirInstructions()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var x = c.Ins().Iadd(a[0], a[1]);
        var addInst = f.Dfg.ValueDef(x).Inst;
        f.SetSrcLoc(addInst, new SourceLoc(100));
        var y = c.Ins().Imul(x, x);
        f.SetSrcLoc(f.Dfg.ValueDef(y).Inst, new SourceLoc(130));
        c.Ins().Return(y);
        var compiled = TestIr.Compile(f);
        Assert.AreEqual(2, compiled.SrcLocs.Count);
        Assert.AreEqual(new RelSourceLoc(0), compiled.SrcLocs[0].Loc);
        Assert.AreEqual(new RelSourceLoc(30), compiled.SrcLocs[1].Loc);
        Assert.IsTrue(compiled.SrcLocs[0].End <= compiled.SrcLocs[1].Start);
        Assert.IsTrue(compiled.SrcLocs.All(s => s.Start < s.End && s.End <= compiled.Code.Length));
    }

    [TestMethod]
    [DataRow(ProbestackStrategy.Inline, 20000)]
    [DataRow(ProbestackStrategy.Inline, 200000)]
    [DataRow(ProbestackStrategy.Outline, 20000)]
    public void LargeFramesAreProbedWhenEnabled(ProbestackStrategy strategy, int size)
    {
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var slot = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, (uint)size, 3));
        c.Ins().StackStore(a[0], slot, size - 8);
        c.Ins().StackStore(a[0], slot, 0);
        c.Ins().Return(c.Ins().Iadd(c.Ins().StackLoad(IrType.I64, slot, size - 8), c.Ins().StackLoad(IrType.I64, slot, 0)));
        var isa = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default with { EnableProbestack = true, ProbestackStrategy = strategy });
        var compiled = isa.Compile(f.Stencil);
        Assert.IsTrue(compiled.FrameSize >= size);
        Assert.IsTrue(compiled.Code.Length < 300, "probing loops instead of unrolling big frames");
        if (strategy == ProbestackStrategy.Outline)
            Assert.AreEqual(ExternalName.FromLibCall(LibCall.Probestack), compiled.Relocs.Single().Target);
        else
        {
            Assert.AreEqual(0, compiled.Relocs.Count);
            using var img = new JitImage(compiled);
            unsafe { Assert.AreEqual(154L, ((delegate* unmanaged<long, long>)img[0])(77)); }
        }
        Assert.AreEqual(0, TestIr.Compile(f).Relocs.Count, "no probe by default");
    }
}
