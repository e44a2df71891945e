using System.Runtime.InteropServices;

namespace Stencil.Benchmarks;

/// <summary>
/// One hand-written CLIF kernel (under <c>Kernels/</c>) and the memory it runs on. Every kernel has the shape
/// <c>(vmctx, a, b, c) -&gt; i64</c>, Wasm-style: vmctx points at { heap base, heap bound, n } and the other
/// arguments are heap offsets or counts. Inputs are seeded, so every run sees the same data.
/// </summary>
public sealed unsafe class Kernel : IDisposable
{
    public const int HeapBytes = 1 << 20;

    public static readonly string[] Names = ["checksum", "memcpy", "matmul", "interpreter"];

    private Kernel(string name, long a, long b, long c, long n)
    {
        Name = name;
        Heap = (byte*)NativeMemory.AlignedAlloc(HeapBytes, 64);
        VmContext = (long*)NativeMemory.AlignedAlloc(64, 64);
        VmContext[0] = (long)Heap;
        VmContext[1] = HeapBytes;
        VmContext[2] = n;
        Args = [(long)VmContext, a, b, c];
        var rng = new Random(2026);
        for (int i = 0; i < HeapBytes; i++) Heap[i] = (byte)rng.Next(256);
    }

    public string Name { get; }
    public byte* Heap { get; }
    public long* VmContext { get; }
    public long[] Args { get; }

    public string Text => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Kernels", Name + ".clif"));

    public static Kernel Create(string name)
    {
        const int matrix = 48;
        var k = name switch
        {
            "checksum" => new Kernel(name, 0, 256 * 1024, 0, 0),
            "memcpy" => new Kernel(name, HeapBytes / 2, 0, 16 * 1024, 0),
            "matmul" => new Kernel(name, 0, matrix * matrix * 8, 2 * matrix * matrix * 8, matrix),
            "interpreter" => new Kernel(name, 0, 64 * 1024, 7, 0),
            _ => throw new ArgumentException($"no kernel {name}", nameof(name)),
        };
        if (name == "matmul")
            for (int i = 0; i < 2 * matrix * matrix; i++) ((long*)k.Heap)[i] = (i * 7 % 13) - 6;
        if (name == "interpreter")
            for (int i = 0; i < 64 * 1024; i++) k.Heap[2 * i] = (byte)(k.Heap[2 * i] % 9);
        return k;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(Heap);
        NativeMemory.AlignedFree(VmContext);
    }
}
