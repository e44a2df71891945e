using Stencil.Isa.Backend;

namespace Stencil.Isa.S390x;

/// <summary>The frame as the emitter reaches it: prologue and epilogue, and r15-relative operands, which take r1 as an
/// index register beyond the 20-bit displacements (frames over 512 KiB).</summary>
internal sealed partial class S390xEmitter
{
    protected override void EmitPrologue()
    {
        if (_frame.SavesGprs) E("stmg", R(_frame.FirstSavedGpr), R(15), Sp(8 * _frame.FirstSavedGpr));
        if (_frame.Size > 0)
        {
            if (_frame.Backchain) E("lgr", R(1), R(15));
            AddToSp(-_frame.Size);
            if (_frame.Backchain) E("stg", R(1), Sp(0));
        }
        for (int i = 0; i < _frame.SavedFprs.Length; i++) FrameAccess("std", R(_frame.SavedFprs[i]), _frame.FloatSaveOffset + 8 * i);
    }

    private void EmitEpilogue()
    {
        for (int i = 0; i < _frame.SavedFprs.Length; i++) FrameAccess("ld", R(_frame.SavedFprs[i]), _frame.FloatSaveOffset + 8 * i);
        // lmg reloads r15 from where stmg put it, which also pops the frame; beyond its displacement's reach, the frame
        // is popped first.
        long saved = _frame.Size + 8 * _frame.FirstSavedGpr;
        if (_frame.SavesGprs && S390xFrame.Reaches(saved)) E("lmg", R(_frame.FirstSavedGpr), R(15), Sp(saved));
        else
        {
            if (_frame.Size > 0) AddToSp(_frame.Size);
            if (_frame.SavesGprs) E("lmg", R(_frame.FirstSavedGpr), R(15), Sp(8 * _frame.FirstSavedGpr));
        }
        E("br", R(14));
    }

    private void AddToSp(int bytes)
    {
        if (bytes is >= short.MinValue and <= short.MaxValue) E("aghi", R(15), I(bytes));
        else E("agfi", R(15), I(bytes));
    }

    /// <summary>A load or store of <paramref name="reg"/> at r15 + <paramref name="displacement"/>: the short form, its
    /// 20-bit twin, or beyond that the displacement in r1 as the index (for the saved float registers: r1 is free in
    /// the prologue and the epilogue; spill slots always lie within reach).</summary>
    private void FrameAccess(string mnemonic, S390xOperand reg, long displacement)
    {
        if (displacement is >= 0 and <= 4095) E(mnemonic, reg, Sp(displacement));
        else if (S390xFrame.Reaches(displacement)) E(S390xLongForms.TryGet(mnemonic, out var longForm) ? longForm : mnemonic, reg, Sp(displacement));
        else
        {
            E("lgfi", R(S390xRegs.SpillTemp), I(displacement));
            E(mnemonic, reg, S390xOperand.Mem(0, S390xRegs.SpillTemp.HwEnc, S390xRegs.StackPointer.HwEnc));
        }
    }

    private bool HasFarFrameOperand(S390xMInst inst) =>
        inst.Operands.Any(o => o is { Kind: MOperandKind.Mem, HasReg: false } && o.Area != MemArea.Absolute && !S390xFrame.Reaches(FrameOffset(o)));

    /// <summary>Frees r1 to index a frame operand beyond the 20-bit displacements: a spilled operand the rewriter gave
    /// r1 goes through r0 instead (an instruction with a frame operand has no base register, so at most one general
    /// register operand, and r0 is free to hold data).</summary>
    private static void FreeIndexRegister(Reg[] phys, (Reg Scratch, int Slot)[] reloads, (Reg Scratch, int Slot)[] stores)
    {
        var index = S390xRegs.SpillTemp;
        if (Array.IndexOf(phys, index) < 0) return;
        if (Array.IndexOf(phys, S390xRegs.Temp) >= 0) throw new InvalidOperationException("an instruction with a far frame operand uses both r0 and r1");
        Reg Swap(Reg r) => r == index ? S390xRegs.Temp : r;
        for (int i = 0; i < phys.Length; i++) phys[i] = Swap(phys[i]);
        for (int i = 0; i < reloads.Length; i++) reloads[i].Scratch = Swap(reloads[i].Scratch);
        for (int i = 0; i < stores.Length; i++) stores[i].Scratch = Swap(stores[i].Scratch);
    }

    /// <summary>r15 + <paramref name="displacement"/>; beyond the 20-bit field, r1 loaded with it as the index
    /// (<see cref="FreeIndexRegister"/> has kept r1 free).</summary>
    private S390xOperand FrameOperand(long displacement)
    {
        if (S390xFrame.Reaches(displacement)) return Sp(displacement);
        E("lgfi", R(S390xRegs.SpillTemp), I(displacement));
        return S390xOperand.Mem(0, S390xRegs.SpillTemp.HwEnc, S390xRegs.StackPointer.HwEnc);
    }

    private long FrameOffset(MOperand o) => o.Area switch
    {
        MemArea.StackSlot => _frame.SlotOffset(o.Slot) + o.Value,
        MemArea.IncomingArg => _frame.IncomingOffset(o.Value),
        MemArea.OutgoingArg => S390xRegs.RegisterSaveAreaBytes + o.Value,
        MemArea.ReturnArea => _frame.ReturnAreaOffset + o.Value,
        _ => _frame.SpillOffset(o.Slot) + o.Value,
    };
}
