using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class MachBufferTests
{
    [TestMethod]
    public void ResolvesForwardAndBackwardLabels()
    {
        var buf = new MachBuffer();
        var back = buf.GetLabel();
        var fwd = buf.GetLabel();
        buf.BindLabel(back);
        buf.Put1(0x90);
        buf.Put1(0xE9); buf.Put4(0);            // jmp rel32 forward, field at 2
        buf.UseLabelAtOffset(2, fwd, LabelUse.PCRel32);
        buf.Put1(0xEB); buf.Put1(0);            // jmp rel8 back, field at 7
        buf.UseLabelAtOffset(7, back, LabelUse.PCRel8);
        buf.Put1(0x90);
        buf.BindLabel(fwd);
        buf.Put1(0xC3);
        var f = buf.Finish(0, 16);
        Assert.AreEqual(10, f.Code.Length);
        Assert.AreEqual(9 - 6, BitConverter.ToInt32(f.Code, 2));
        Assert.AreEqual(0 - 8, (sbyte)f.Code[7]);
        Assert.AreEqual(16, f.Alignment);
    }

    [TestMethod]
    public void UnboundLabelIsABug()
    {
        var buf = new MachBuffer();
        var l = buf.GetLabel();
        buf.Put4(0);
        buf.UseLabelAtOffset(0, l, LabelUse.PCRel32);
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.Finish(0, 1));
        var twice = new MachBuffer();
        var m = twice.GetLabel();
        twice.BindLabel(m);
        Assert.ThrowsExactly<InvalidOperationException>(() => twice.BindLabel(m));
    }

    [TestMethod]
    public void ShortBranchOutOfRangeIsRejected()
    {
        var buf = new MachBuffer();
        var l = buf.GetLabel();
        buf.Put1(0);
        buf.UseLabelAtOffset(0, l, LabelUse.PCRel8);
        for (int i = 0; i < 200; i++) buf.Put1(0x90);
        buf.BindLabel(l);
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.Finish(0, 1));
    }

    [TestMethod]
    public void RecordsRelocsTrapsAndMergedSourceLocations()
    {
        var buf = new MachBuffer();
        var name = ExternalName.FromUser(new UserExternalNameRef(3));
        buf.StartSrcLoc(new RelSourceLoc(5));
        buf.Put1(0x90);
        buf.StartSrcLoc(new RelSourceLoc(5));
        buf.AddTrap(TrapCode.IntegerDivisionByZero);
        buf.Put1(0x0F); buf.Put1(0x0B);
        buf.StartSrcLoc(RelSourceLoc.Default);
        buf.Put1(0xE8); buf.Put4(0);
        buf.AddReloc(4, Reloc.X86CallPLTRel4, name, -4);
        buf.StartSrcLoc(new RelSourceLoc(9));
        buf.Put1(0xC3);
        var f = buf.Finish(32, 16);
        CollectionAssert.AreEqual(new[] { new MachSrcLoc(0, 3, new RelSourceLoc(5)), new MachSrcLoc(8, 9, new RelSourceLoc(9)) }, f.SrcLocs.ToArray());
        CollectionAssert.AreEqual(new[] { new MachTrap(1, TrapCode.IntegerDivisionByZero) }, f.Traps.ToArray());
        CollectionAssert.AreEqual(new[] { new MachReloc(4, Reloc.X86CallPLTRel4, name, -4) }, f.Relocs.ToArray());
        Assert.AreEqual(32u, f.FrameSize);
    }

    [TestMethod]
    public void ARelocationFieldMustBeEmittedWhole()
    {
        var buf = new MachBuffer();
        buf.Put1(0xE8); buf.Put1(0); buf.Put1(0);
        var name = ExternalName.FromUser(new UserExternalNameRef(0));
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.AddReloc(1, Reloc.X86CallPLTRel4, name, -4));
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.AddReloc(0, (Reloc)200, name, 0), "a kind without a row is a backend bug");
        buf.Put1(0); buf.Put1(0);
        buf.AddReloc(1, Reloc.X86CallPLTRel4, name, -4);
    }
}
