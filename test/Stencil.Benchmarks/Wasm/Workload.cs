using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Stencil.Benchmarks.Wasm;

/// <summary>
/// Real work done by a real module, the way its JavaScript glue drives it. <see cref="Run"/> returns the bytes that
/// must be identical between the two runtimes (a digest, a compressed stream) after checking them itself (a digest
/// against .NET's, a round trip back to the input).
/// </summary>
internal abstract class Workload(string description, byte[] input)
{
    public string Description { get; } = description;
    public byte[] Input { get; } = input;
    public virtual IReadOnlyList<HostImport> Imports => [];

    /// <summary>Called once after instantiation (constructors).</summary>
    public virtual void Initialize(IBenchInstance instance) { }

    public abstract byte[] Run(IBenchInstance instance);

    protected static int ReadInt32(IBenchInstance instance, int address) => BinaryPrimitives.ReadInt32LittleEndian(instance.Memory(address, 4));

    protected static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"workload check failed: {what}");
    }
}

/// <summary>hash-wasm's sha256: 16 KiB chunks through <c>Hash_GetBuffer</c>/<c>Hash_Update</c>, as its wrapper does.</summary>
internal sealed class Sha256Workload(string description, byte[] input) : Workload(description, input)
{
    private const int ChunkSize = 16 * 1024;

    public override byte[] Run(IBenchInstance instance)
    {
        int buffer = (int)instance.Call("Hash_GetBuffer");
        instance.Call("Hash_Init", 256);
        for (int read = 0; read < Input.Length; read += ChunkSize)
        {
            var chunk = Input.AsSpan(read, Math.Min(ChunkSize, Input.Length - read));
            chunk.CopyTo(instance.Memory(buffer, chunk.Length));
            instance.Call("Hash_Update", chunk.Length);
        }
        instance.Call("Hash_Final");
        var digest = instance.Memory(buffer, 32).ToArray();
        Check(digest.AsSpan().SequenceEqual(SHA256.HashData(Input)), "sha256 digest equals .NET's");
        return digest;
    }
}

/// <summary>
/// A Rust <c>f(&amp;[u8]) -> Vec&lt;u8&gt;</c> behind wasm-bindgen (lz4-wasm, brotli-wasm): 16 bytes of shadow stack
/// for the return slots, the input copied into <c>__wbindgen_malloc</c>'d memory, the vector read from the slots and
/// freed. A function returning <c>Result</c> also sets slot 3 when it failed. Compress, then decompress: the
/// compressed bytes are the output, the round trip must give the input back.
/// </summary>
internal sealed class WasmBindgenCompressWorkload(string description, byte[] input, bool returnsResult, int[] extraArguments, IReadOnlyList<HostImport> imports)
    : Workload(description, input)
{
    public override IReadOnlyList<HostImport> Imports => imports;

    public override byte[] Run(IBenchInstance instance)
    {
        var compressed = Call(instance, "compress", Input, extraArguments);
        var restored = Call(instance, "decompress", compressed, []);
        Check(restored.AsSpan().SequenceEqual(Input), $"{Description}: decompress(compress(x)) == x");
        return compressed;
    }

    private byte[] Call(IBenchInstance instance, string export, byte[] data, int[] extra)
    {
        int retptr = (int)instance.Call("__wbindgen_add_to_stack_pointer", -16);
        try
        {
            int ptr = (int)instance.Call("__wbindgen_malloc", data.Length, 1);
            data.CopyTo(instance.Memory(ptr, data.Length));
            instance.Call(export, [retptr, ptr, data.Length, .. extra]);
            int r0 = ReadInt32(instance, retptr), r1 = ReadInt32(instance, retptr + 4);
            Check(!returnsResult || ReadInt32(instance, retptr + 12) == 0, $"{export} returned no error");
            var output = instance.Memory(r0, r1).ToArray();
            instance.Call("__wbindgen_free", r0, r1, 1);
            return output;
        }
        finally
        {
            instance.Call("__wbindgen_add_to_stack_pointer", 16);
        }
    }

    /// <summary>lz4-wasm-nodejs: its one import builds an error string and must not be called.</summary>
    public static WasmBindgenCompressWorkload Lz4(byte[] input) => new($"lz4 of {Sizes.Format(input.Length)} (compress + decompress)", input, false, [], []);

    /// <summary>brotli-wasm (quality 11): the glue passes <c>options = undefined</c> as object-heap index 31; with it only
    /// <c>__wbindgen_is_undefined</c> and <c>__wbindgen_object_drop_ref</c> run.</summary>
    public static WasmBindgenCompressWorkload Brotli(byte[] input)
    {
        const int Undefined = 31;
        return new($"brotli of {Sizes.Format(input.Length)} (quality 11, compress + decompress)", input, true, [Undefined],
        [
            new("__wbindgen_placeholder__", "__wbindgen_is_undefined", true, (_, index) => index == Undefined ? 1 : 0),
            new("__wbindgen_placeholder__", "__wbindgen_object_drop_ref", false, (_, _) => 0),
        ]);
    }
}

/// <summary>@bokuweb/zstd-wasm (Emscripten; minified exports from its <c>zstd.js</c>: <c>g</c> constructors, <c>h</c>
/// isError, <c>i</c> compressBound, <c>m</c> compress, <c>r</c> decompress, <c>s</c> malloc, <c>t</c> free; import
/// <c>a.e</c> is emscripten_resize_heap, the only one that does work).</summary>
internal sealed class ZstdWorkload(byte[] input, int level) : Workload($"zstd level {level} of {Sizes.Format(input.Length)} (compress + decompress)", input)
{
    public override IReadOnlyList<HostImport> Imports =>
    [
        // Grow to at least the requested size, as the glue does (1 = done).
        new("a", "e", true, (instance, requested) =>
        {
            long pages = ((uint)requested - instance.MemoryLength + 65535) / 65536;
            return pages <= 0 || instance.GrowMemory(pages) ? 1 : 0;
        }),
    ];

    public override void Initialize(IBenchInstance instance) => instance.Call("g");

    public override byte[] Run(IBenchInstance instance)
    {
        int src = (int)instance.Call("s", Input.Length);
        Input.CopyTo(instance.Memory(src, Input.Length));
        int bound = (int)instance.Call("i", Input.Length);
        int dst = (int)instance.Call("s", bound);
        int size = (int)instance.Call("m", dst, bound, src, Input.Length, level);
        Check(instance.Call("h", size) == 0, $"ZSTD_compress succeeded ({size})");
        var compressed = instance.Memory(dst, size).ToArray();
        int back = (int)instance.Call("s", Input.Length);
        int restored = (int)instance.Call("r", back, Input.Length, dst, size);
        Check(instance.Call("h", restored) == 0 && restored == Input.Length && instance.Memory(back, restored).SequenceEqual(Input),
            "ZSTD_decompress gives the input back");
        instance.Call("t", src);
        instance.Call("t", dst);
        instance.Call("t", back);
        return compressed;
    }
}
