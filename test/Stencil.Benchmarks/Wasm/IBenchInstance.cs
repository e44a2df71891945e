namespace Stencil.Benchmarks.Wasm;

/// <summary>One instantiated module, Stencil's or Wasmtime's: what a <see cref="Workload"/> needs, so each workload is
/// written once and both runtimes run exactly the same calls.</summary>
internal interface IBenchInstance : IDisposable
{
    /// <summary>Calls <paramref name="export"/> with i32 arguments (missing trailing ones are 0, extra ones dropped);
    /// its first result, or 0.</summary>
    long Call(string export, params int[] arguments);

    Span<byte> Memory(int address, int length);

    long MemoryLength { get; }

    /// <summary>Grows the memory by <paramref name="pages"/>; false when it cannot.</summary>
    bool GrowMemory(long pages);
}

/// <summary>A host function a workload's module imports, of type <c>(i32) -> i32</c> or <c>(i32) -> ()</c>. Imports a
/// workload does not name trap when called.</summary>
internal sealed record HostImport(string Module, string Name, bool HasResult, Func<IBenchInstance, int, int> Body);
