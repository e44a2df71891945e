namespace Stencil.Isa.X64;

// Auto layout packs the two bytes together: every MInst carries one.
/// <summary>A memory operand before frame layout is known.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal readonly record struct Amode(AmodeKind Kind, int Disp, int Slot = 0, byte Shift = 0)
{
    public static Amode RegDisp(int disp) => new(AmodeKind.RegDisp, disp);
    public static Amode RegIndexDisp(int shift, int disp) => new(AmodeKind.RegIndexDisp, disp, 0, (byte)shift);
    public static Amode StackSlot(int slot, int disp) => new(AmodeKind.StackSlot, disp, slot);
    public static Amode Incoming(int disp) => new(AmodeKind.IncomingArg, disp);
    public static Amode Outgoing(int disp) => new(AmodeKind.OutgoingArg, disp);
    public static Amode ReturnArea(int disp) => new(AmodeKind.ReturnArea, disp);
}
