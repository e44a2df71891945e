namespace Stencil.Engine.Module;

/// <summary>
/// Where a symbol is defined and who may see it, as in Cranelift's cranelift-module. The members are
/// ordered from weakest to strongest claim, which is what <see cref="LinkageRules.Merge"/> relies on.
/// </summary>
public enum Linkage : byte
{
    /// <summary>Defined outside this module.</summary>
    Import,
    /// <summary>Defined here and visible only inside this object.</summary>
    Local,
    /// <summary>Defined here, visible to the static link but not exported from a shared library.</summary>
    Hidden,
    /// <summary>Defined here, exported, and another definition may take its place (a weak symbol).</summary>
    Preemptible,
    /// <summary>Defined here and exported.</summary>
    Export,
}
