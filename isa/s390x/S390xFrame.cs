using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.S390x;

/// <summary>
/// The stack frame, addressed from r15 after the prologue, upward: the 160-byte register save area and outgoing stack
/// arguments of calls (only in functions that call), the return area of calls, explicit stack slots and spill slots
/// (<see cref="FrameLayout"/>; the spill slots first when the frame outgrows the 20-bit displacements), then the saved
/// f8-f15. <see cref="Size"/> bytes in all; the caller's frame starts
/// there, with our saved r6-r15 at <c>8·n</c> in its save area and our stack arguments from 160. As in Cranelift there
/// is no frame pointer and no backchain unless <c>preserve_frame_pointers</c> asks for one.
/// </summary>
internal sealed record S390xFrame(int ReturnAreaOffset, FrameLayout Layout, int FloatSaveOffset, Reg[] SavedFprs, int FirstSavedGpr, int Size, bool Backchain)
{
    /// <summary>The largest displacement of the 20-bit signed field (of lg, stg, lmg and the other long forms).</summary>
    public const long MaxDisplacement = (1 << 19) - 1;

    public static bool Reaches(long displacement) => displacement is >= -(1 << 19) and <= MaxDisplacement;

    public int SlotOffset(int slot) => Layout.SlotOffsets[slot];

    public int SpillOffset(int slot) => Layout.SpillOffset(slot);

    /// <summary>An incoming stack argument's offset from r15.</summary>
    public long IncomingOffset(long offset) => Size + S390xRegs.RegisterSaveAreaBytes + offset;

    /// <summary>Whether the prologue saves general registers (from <see cref="FirstSavedGpr"/> through r15).</summary>
    public bool SavesGprs => FirstSavedGpr <= 15;

    public static S390xFrame Compute(FunctionStencil func, LoweredFunction<S390xMInst> lowered, RegAllocResult ra, bool makesCalls, IsaFlags flags)
    {
        bool backchain = flags.PreserveFramePointers;
        int outgoing = makesCalls || backchain ? S390xRegs.RegisterSaveAreaBytes + lowered.OutgoingArgBytes : 0;
        int returnArea = outgoing;
        long start = outgoing + lowered.ReturnAreaBytes;
        var layout = FrameLayout.Place(func, start, ra, S390xRegs.Env, S390xAbi.IsaName, maxSlotAlignment: 16);
        // Spill reloads and stores, and the outgoing and return areas, are addressed from r15 by displacement alone (the
        // emitter's index register r1 is also its first spill scratch); explicit slots and incoming arguments beyond
        // the 20-bit displacements get an index register.
        if (layout.End > MaxDisplacement)
            layout = FrameLayout.Place(func, start, ra, S390xRegs.Env, S390xAbi.IsaName, maxSlotAlignment: 16, spillsFirst: true);
        if (layout.SpillBase + layout.Spills.Bytes > MaxDisplacement)
            throw IsaDiagnostics.Limit("the s390x spill area reaches beyond the 512 KiB its displacements reach");
        var fprs = ra.UsedRegs.Where(r => r.Class == RegClass.Float && S390xRegs.IsCalleeSaved(r)).OrderBy(r => r.HwEnc).ToArray();
        long floatSave = (layout.End + 7) & ~7L;
        long size = floatSave + 8L * fprs.Length;
        // r15 stays 8-byte aligned as the ABI requires; 16-byte slots are placed 16-aligned, so keep it 16.
        size = (size + 15) & ~15L;
        if (flags.EnableProbestack && size >= 1L << flags.ProbestackSizeLog2)
            throw IsaDiagnostics.Abi(S390xAbi.IsaName, "stack probes (`enable_probestack`) yet");
        int first = 16;
        foreach (var r in ra.UsedRegs)
            if (r.Class == RegClass.Int && S390xRegs.IsCalleeSaved(r) && r.HwEnc < first) first = r.HwEnc;
        if (makesCalls) first = Math.Min(first, S390xRegs.ReturnAddress.HwEnc);
        // A frame of its own is left by reloading r15 with lmg, as Cranelift does once anything is saved.
        if (size > 0 && first == 16 && backchain) first = 15;
        return new S390xFrame(returnArea, layout, (int)floatSave, fprs, first, (int)size, backchain);
    }
}
