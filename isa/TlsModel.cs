namespace Stencil.Isa;

/// <summary>
/// How <c>tls_value</c> reaches a thread-local variable (Cranelift's <c>tls_model</c> setting). Stencil writes ELF
/// objects for shared libraries, so it implements ELF general-dynamic, the model that works wherever the variable and
/// the code end up (the linker relaxes it when they meet in one executable); Cranelift's <c>coff</c> and <c>macho</c>
/// models are refused.
/// </summary>
public enum TlsModel : byte
{
    /// <summary>No model: <c>tls_value</c> is refused.</summary>
    None,
    /// <summary>ELF general-dynamic: a call to <c>__tls_get_addr</c> (x86-64) or <c>__tls_get_offset</c> (s390x).</summary>
    ElfGd,
}
