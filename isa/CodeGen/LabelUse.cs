namespace Stencil.Isa.CodeGen;

/// <summary>How a label's offset is written into the code at a fixup.</summary>
public enum LabelUse : byte
{
    /// <summary>x86 32-bit PC-relative: the 4 bytes hold target - (fixup offset + 4).</summary>
    PCRel32,
    /// <summary>x86 8-bit PC-relative: the byte holds target - (fixup offset + 1); must fit in a signed byte.</summary>
    PCRel8,
}
