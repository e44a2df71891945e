namespace Stencil.Ir;

public enum StackSlotKind : byte { ExplicitSlot, ExplicitDynamicSlot }
