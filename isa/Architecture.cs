namespace Stencil.Isa;

/// <summary>The instruction-set family of a target triple; arm variants keep their exact name in
/// <see cref="TargetTriple.ArchitectureName"/>.</summary>
public enum Architecture : byte
{
    X86_64,
    Aarch64,
    S390x,
    Riscv64,
    Arm,
}
