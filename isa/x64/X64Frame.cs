using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// The stack frame, from the caller's frame downward: return address, saved rbp (rbp points here),
/// saved callee-saved registers, then <see cref="FixedBytes"/> addressed from rsp: explicit stack
/// slots and spill slots above the return area of calls (implicit sret) and the outgoing argument
/// area at [rsp]. rsp stays 16-byte aligned in the body, as calls require.
/// </summary>
internal sealed record X64Frame(int OutgoingBytes, int ReturnAreaOffset, int[] SlotOffsets, int SpillBase, int FixedBytes, Reg[] SavedRegs)
{
    /// <summary>Bytes below the saved rbp: saved registers plus the fixed area.</summary>
    public uint FrameSize => (uint)(8 * SavedRegs.Length + FixedBytes);

    public int SpillOffset(int slot) => SpillBase + 8 * slot;

    public static X64Frame Compute(FunctionStencil func, LoweredFunction<MInst> lowered, RegAllocResult ra)
    {
        var saved = ra.UsedRegs.Where(X64Regs.IsCalleeSaved).OrderBy(r => r.HwEnc).ToArray();
        int outgoingBytes = lowered.OutgoingArgBytes;
        long offset = outgoingBytes + lowered.ReturnAreaBytes;
        var slotOffsets = new int[func.SizedStackSlots.Count];
        for (int i = 0; i < slotOffsets.Length; i++)
        {
            var s = func.SizedStackSlots[i];
            if (s.Kind != StackSlotKind.ExplicitSlot) throw IsaDiagnostics.Abi(SysVAbi.IsaName, "dynamic stack slots yet");
            if (s.AlignShift > 4) throw IsaDiagnostics.Limit($"ss{i}: stack slot alignment {1L << s.AlignShift} exceeds the 16 bytes the x86-64 frame guarantees");
            // 16-byte slots get 16-byte alignment so cmpxchg16b (i128 atomics) may address them.
            long align = Math.Max(1L << s.AlignShift, s.Size >= 16 ? 16 : s.Size >= 8 ? 8 : 1);
            offset = (offset + align - 1) & ~(align - 1);
            slotOffsets[i] = (int)offset;
            offset += s.Size;
            if (offset > int.MaxValue / 2) throw IsaDiagnostics.Limit("the stack frame exceeds 1 GiB");
        }
        offset = (offset + 7) & ~7L;
        long spillBase = offset;
        offset += 8L * ra.SpillSlots;
        // After "push rbp" rsp is 16-aligned; the saved registers and the fixed area together must keep it so.
        long total = offset + 8L * saved.Length;
        total = (total + 15) & ~15L;
        long fixedBytes = total - 8L * saved.Length;
        if (fixedBytes > int.MaxValue / 2) throw IsaDiagnostics.Limit("the stack frame exceeds 1 GiB");
        return new X64Frame(outgoingBytes, outgoingBytes, slotOffsets, (int)spillBase, (int)fixedBytes, saved);
    }
}
