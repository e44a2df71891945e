namespace Stencil.Isa.CodeGen;

/// <summary>
/// The ELF relocation type (the psABI's <c>R_*</c> number) a <see cref="Reloc"/> kind is written as on one machine.
/// <paramref name="PreemptibleType"/> is used when the target is a symbol a shared library may bind elsewhere
/// (undefined, or a default-visibility global): a direct call then becomes a PLT call, which the linker routes
/// through the PLT or resolves directly, whereas a plain PC-relative reference to it is rejected under <c>-shared</c>.
/// </summary>
public readonly record struct ElfRelocNumber(Architecture Machine, uint Type, uint PreemptibleType);
