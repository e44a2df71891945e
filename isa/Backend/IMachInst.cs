namespace Stencil.Isa.Backend;

/// <summary>What the register allocator needs to know about a machine instruction.</summary>
public interface IMachInst
{
    int OperandCount { get; }
    Reg GetOperand(int index);
    OperandKind GetOperandKind(int index);
    /// <summary>Physical registers the instruction overwrites without naming them (a call's caller-saved set).</summary>
    IReadOnlyList<Reg> Clobbers { get; }
    /// <summary>True for a plain register-to-register copy; the allocator tries to give both sides one register.</summary>
    bool IsMove(out Reg dst, out Reg src);
}
