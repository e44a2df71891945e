using Stencil.Ir;
using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>
/// The stack frame, from the caller's frame downward: return address, saved rbp (rbp points here),
/// saved callee-saved registers, then <see cref="FixedBytes"/> addressed from rsp: explicit stack
/// slots and spill slots (<see cref="FrameLayout"/>) above the return area of calls (implicit sret) and the outgoing
/// argument area at [rsp]. rsp stays 16-byte aligned in the body, as calls require.
/// </summary>
internal sealed record X64Frame(int OutgoingBytes, int ReturnAreaOffset, FrameLayout Layout, int FixedBytes, Reg[] SavedRegs)
{
    /// <summary>Bytes below the saved rbp: saved registers plus the fixed area.</summary>
    public uint FrameSize => (uint)(8 * SavedRegs.Length + FixedBytes);

    public int[] SlotOffsets => Layout.SlotOffsets;

    public int SpillOffset(int slot) => Layout.SpillOffset(slot);

    public static X64Frame Compute(FunctionStencil func, LoweredFunction<MInst> lowered, RegAllocResult ra)
    {
        var saved = ra.UsedRegs.Where(X64Regs.IsCalleeSaved).OrderBy(r => r.HwEnc).ToArray();
        int outgoingBytes = lowered.OutgoingArgBytes;
        var layout = FrameLayout.Place(func, outgoingBytes + lowered.ReturnAreaBytes, ra, X64Regs.Env, SysVAbi.IsaName, maxSlotAlignment: 16);
        // After "push rbp" rsp is 16-aligned; the saved registers and the fixed area together must keep it so.
        long total = layout.End + 8L * saved.Length;
        total = (total + 15) & ~15L;
        long fixedBytes = total - 8L * saved.Length;
        if (fixedBytes > int.MaxValue / 2) throw IsaDiagnostics.Limit("the stack frame exceeds 1 GiB");
        return new X64Frame(outgoingBytes, outgoingBytes, layout, (int)fixedBytes, saved);
    }
}
