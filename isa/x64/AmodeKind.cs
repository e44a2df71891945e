namespace Stencil.Isa.X64;

internal enum AmodeKind : byte
{
    /// <summary>[base register operand + Disp].</summary>
    RegDisp,
    /// <summary>[base register operand + index register operand * (1 &lt;&lt; Shift) + Disp].</summary>
    RegIndexDisp,
    /// <summary>An explicit stack slot plus Disp, resolved against the frame layout at emission.</summary>
    StackSlot,
    /// <summary>An incoming stack argument at Disp bytes above the return address.</summary>
    IncomingArg,
    /// <summary>The outgoing argument area at [rsp + Disp].</summary>
    OutgoingArg,
    /// <summary>The area receiving a callee's overflowing return values (implicit sret), above the outgoing arguments.</summary>
    ReturnArea,
}
