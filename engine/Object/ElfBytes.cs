namespace Stencil.Engine.Object;

/// <summary>A section body that is a fixed array of bytes (such as the empty <c>.note.GNU-stack</c>).</summary>
internal sealed class ElfBytes(byte[] bytes) : IElfSectionBody
{
    public static ElfBytes Empty { get; } = new([]);

    public int Length => bytes.Length;

    public void WriteTo(Span<byte> destination) => bytes.CopyTo(destination);
}
