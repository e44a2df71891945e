namespace Stencil.Ir;

/// <param name="AlignShift">log2 of the alignment in bytes.</param>
public readonly record struct StackSlotData(StackSlotKind Kind, uint Size, byte AlignShift = 0)
{
    public override string ToString() =>
        (Kind == StackSlotKind.ExplicitSlot ? "explicit_slot " : "explicit_dynamic_slot ") + Size + (AlignShift != 0 ? $", align = {1u << AlignShift}" : "");
}
