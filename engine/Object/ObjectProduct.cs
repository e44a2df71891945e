using System.Buffers;

namespace Stencil.Engine.Object;

/// <summary>A finished relocatable object: laid out, ready to be written any number of times, always as
/// the same bytes.</summary>
public sealed class ObjectProduct
{
    private readonly ElfObjectWriter _writer;

    internal ObjectProduct(ElfObjectWriter writer, IReadOnlyList<ObjectFunctionInfo> functions, IReadOnlyList<ObjectDataInfo> data)
    {
        _writer = writer;
        Functions = functions;
        Data = data;
    }

    /// <summary>Defined functions in definition order (which is also their order in <c>.text</c>).</summary>
    public IReadOnlyList<ObjectFunctionInfo> Functions { get; }

    /// <summary>Defined data objects in definition order.</summary>
    public IReadOnlyList<ObjectDataInfo> Data { get; }

    /// <summary>The object's size in bytes.</summary>
    public int Size => _writer.Size;

    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer.WriteTo(writer);
    }

    /// <summary>Writes the object into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException($"the object needs {Size} bytes, the destination has {destination.Length}", nameof(destination));
        _writer.WriteTo(destination);
    }

    public byte[] Emit()
    {
        // Every byte is written (padding too), so the array need not be zeroed first.
        var bytes = GC.AllocateUninitializedArray<byte>(Size);
        _writer.WriteTo(bytes);
        return bytes;
    }
}
