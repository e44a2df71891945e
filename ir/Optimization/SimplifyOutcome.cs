namespace Stencil.Ir.Optimization;

/// <summary>What simplifying one instruction did to it.</summary>
internal enum SimplifyOutcome
{
    Unchanged,
    /// <summary>Rewritten in place (new opcode or operands, possibly an <c>iconst</c>); results unchanged.</summary>
    Rewritten,
    /// <summary>Its single result equals another value; the instruction is no longer needed.</summary>
    Replaced,
    /// <summary>It does nothing and has no results; the instruction is no longer needed.</summary>
    Removed,
}
