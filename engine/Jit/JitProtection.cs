namespace Stencil.Engine.Jit;

/// <summary>What the pages of a <see cref="JitMemoryRegion"/> allow; writable and executable never together.</summary>
public enum JitProtection
{
    None,
    ReadOnly,
    ReadWrite,
    ReadExecute,
}
