using Stencil.Isa.CodeGen;

namespace Stencil.Isa.X64;

/// <summary>x86's label forms: a branch or RIP-relative displacement counts from the end of its field.</summary>
internal static class X64LabelUses
{
    public static readonly LabelUse Rel32 = new("rel32", Width: 4, BaseFromField: 4, Shift: 0);
    public static readonly LabelUse Rel8 = new("rel8", Width: 1, BaseFromField: 1, Shift: 0);
}
