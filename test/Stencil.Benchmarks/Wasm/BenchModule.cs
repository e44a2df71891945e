using Stencil.Wasm.Abi;

namespace Stencil.Benchmarks.Wasm;

/// <summary>A real module to compile with both compilers, and the work to run in it (none for modules that need a
/// JavaScript host to run: sql.js, esbuild).</summary>
internal sealed record BenchModule(string Name, string FileName, byte[] Bytes, Workload? Workload)
{
    /// <summary>The symbol prefix, as a build names a module after its file.</summary>
    public string SymbolName => WasmModuleNames.FromPath(FileName);
}
