using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;
using Stencil.Isa.X64;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed class MachBufferTests
{
    [TestMethod]
    public void ResolvesForwardAndBackwardLabels()
    {
        var buf = new MachBuffer(Endianness.Little);
        var back = buf.GetLabel();
        var fwd = buf.GetLabel();
        buf.BindLabel(back);
        buf.Put1(0x90);
        buf.Put1(0xE9); buf.Put4(0);            // jmp rel32 forward, field at 2
        buf.UseLabelAtOffset(2, fwd, X64LabelUses.Rel32);
        buf.Put1(0xEB); buf.Put1(0);            // jmp rel8 back, field at 7
        buf.UseLabelAtOffset(7, back, X64LabelUses.Rel8);
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
        var buf = new MachBuffer(Endianness.Little);
        var l = buf.GetLabel();
        buf.Put4(0);
        buf.UseLabelAtOffset(0, l, X64LabelUses.Rel32);
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.Finish(0, 1));
        var twice = new MachBuffer(Endianness.Little);
        var m = twice.GetLabel();
        twice.BindLabel(m);
        Assert.ThrowsExactly<InvalidOperationException>(() => twice.BindLabel(m));
    }

    [TestMethod]
    public void ShortBranchOutOfRangeIsRejected()
    {
        var buf = new MachBuffer(Endianness.Little);
        var l = buf.GetLabel();
        buf.Put1(0);
        buf.UseLabelAtOffset(0, l, X64LabelUses.Rel8);
        for (int i = 0; i < 200; i++) buf.Put1(0x90);
        buf.BindLabel(l);
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.Finish(0, 1));
    }

    [TestMethod]
    public void RecordsRelocsTrapsAndMergedSourceLocations()
    {
        var buf = new MachBuffer(Endianness.Little);
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
        var buf = new MachBuffer(Endianness.Little);
        buf.Put1(0xE8); buf.Put1(0); buf.Put1(0);
        var name = ExternalName.FromUser(new UserExternalNameRef(0));
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.AddReloc(1, Reloc.X86CallPLTRel4, name, -4));
        Assert.ThrowsExactly<InvalidOperationException>(() => buf.AddReloc(0, (Reloc)200, name, 0), "a kind without a row is a backend bug");
        buf.Put1(0); buf.Put1(0);
        buf.AddReloc(1, Reloc.X86CallPLTRel4, name, -4);
    }

    [TestMethod]
    public void BigEndianHalfwordScaledLabelUses()
    {
        // s390x's forms as data: RI (16-bit) and RIL (32-bit) branches count halfwords from the instruction start,
        // two bytes before the field.
        var ri = new LabelUse("ri", Width: 2, BaseFromField: -2, Shift: 1);
        var ril = new LabelUse("ril", Width: 4, BaseFromField: -2, Shift: 1);
        var buf = new MachBuffer(Endianness.Big);
        var back = buf.GetLabel();
        var fwd = buf.GetLabel();
        buf.BindLabel(back);
        buf.Put2(0xA7F4); buf.Put2(0);               // brc 15,back at 0: field at 2
        buf.UseLabelAtOffset(2, back, ri);
        buf.Put2(0xC0F4); buf.Put4(0);               // brcl 15,fwd at 4: field at 6
        buf.UseLabelAtOffset(6, fwd, ril);
        buf.Put8(0x0102030405060708);
        buf.BindLabel(fwd);                          // at 18
        var f = buf.Finish(0, 8);
        CollectionAssert.AreEqual(new byte[] { 0xA7, 0xF4, 0, 0, 0xC0, 0xF4, 0, 0, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8 }, f.Code);

        var odd = new MachBuffer(Endianness.Big);
        var l = odd.GetLabel();
        odd.Put2(0xA7F4); odd.Put2(0);
        odd.UseLabelAtOffset(2, l, ri);
        odd.Put1(0x07);
        odd.BindLabel(l);                            // 5 bytes away: not a whole number of halfwords
        Assert.ThrowsExactly<InvalidOperationException>(() => odd.Finish(0, 8));
    }

    [TestMethod]
    public void ShorteningBranchesInPlaceGivesWhatEmittingThemShortGives()
    {
        var emittedLong = new List<BranchShortening>();
        var shortened = EmitWithBranches(emittedLong);
        Assert.AreEqual(3, emittedLong.Count);
        shortened.ShortenBranches(emittedLong);
        var direct = EmitWithBranches(null).Finish(0, 16);
        var f = shortened.Finish(0, 16);
        CollectionAssert.AreEqual(direct.Code, f.Code);
        CollectionAssert.AreEqual(direct.Relocs.ToArray(), f.Relocs.ToArray());
        CollectionAssert.AreEqual(direct.Traps.ToArray(), f.Traps.ToArray());
        CollectionAssert.AreEqual(direct.SrcLocs.ToArray(), f.SrcLocs.ToArray());
        Assert.AreEqual(-7, (sbyte)f.Code[6], "the backward jmp at 5 reaches the top");
    }

    /// <summary>A je forward, a trap, a jmp back, a call, a jmp forward: rel32 branches recorded in
    /// <paramref name="longBranches"/>, or rel8 ones when it is null.</summary>
    private static MachBuffer EmitWithBranches(List<BranchShortening>? longBranches)
    {
        var buf = new MachBuffer(Endianness.Little);
        var top = buf.GetLabel();
        var end = buf.GetLabel();
        void Branch(byte[] rel32Opcode, byte rel8Opcode, MachLabel target)
        {
            uint start = buf.CurOffset;
            if (longBranches is null)
            {
                buf.Put1(rel8Opcode); buf.Put1(0);
                buf.UseLabelAtOffset(start + 1, target, X64LabelUses.Rel8);
                return;
            }
            foreach (var b in rel32Opcode) buf.Put1(b);
            buf.Put4(0);
            buf.UseLabelAtOffset(buf.CurOffset - 4, target, X64LabelUses.Rel32);
            longBranches.Add(new BranchShortening(start, (int)(buf.CurOffset - start), rel8Opcode, X64LabelUses.Rel8));
        }
        buf.BindLabel(top);
        buf.StartSrcLoc(new RelSourceLoc(1));
        buf.Put1(0x90);
        Branch([0x0F, 0x84], 0x74, end);
        buf.AddTrap(TrapCode.HeapOutOfBounds);
        buf.Put1(0x0F); buf.Put1(0x0B);
        buf.StartSrcLoc(new RelSourceLoc(2));
        Branch([0xE9], 0xEB, top);
        buf.Put1(0xE8); buf.Put4(0);
        buf.AddReloc(buf.CurOffset - 4, Reloc.X86CallPLTRel4, ExternalName.FromUser(new UserExternalNameRef(1)), -4);
        buf.StartSrcLoc(new RelSourceLoc(2));
        Branch([0xE9], 0xEB, end);
        buf.EndSrcLoc();
        buf.BindLabel(end);
        buf.Put1(0xC3);
        return buf;
    }
}
