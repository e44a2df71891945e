namespace Stencil.Isa.Backend;

/// <summary>Where a virtual register lives for its whole life: a physical register or a spill slot.</summary>
public readonly record struct Allocation(Reg Reg, int SpillSlot)
{
    public bool IsSpilled => SpillSlot >= 0;
    public static Allocation InReg(Reg reg) => new(reg, -1);
    public static Allocation Spilled(int slot) => new(default, slot);
    /// <summary>A virtual register that is never used needs no home.</summary>
    public static Allocation None => new(default, -2);
    public bool IsNone => SpillSlot == -2;
    public override string ToString() => IsNone ? "none" : IsSpilled ? $"spill{SpillSlot}" : Reg.ToString();
}
