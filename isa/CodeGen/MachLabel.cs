namespace Stencil.Isa.CodeGen;

/// <summary>A position in a <see cref="MachBuffer"/>, possibly not bound yet (forward branches).</summary>
public readonly record struct MachLabel(uint Index)
{
    public override string ToString() => "label" + Index;
}
