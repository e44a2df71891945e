namespace Stencil.Engine.Object;

/// <summary>
/// The bytes of one section, written straight into the object: a section keeps whatever it was built from
/// (definitions, symbols, relocations) and encodes it once, into its place in the file, instead of first
/// building a private copy that would then be copied again.
/// </summary>
internal interface IElfSectionBody
{
    /// <summary>Size in bytes (<c>sh_size</c>).</summary>
    int Length { get; }

    /// <summary>Writes exactly <see cref="Length"/> bytes. The destination is not cleared beforehand: every byte,
    /// padding included, must be written.</summary>
    void WriteTo(Span<byte> destination);
}
