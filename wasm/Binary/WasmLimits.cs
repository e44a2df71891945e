namespace Stencil.Wasm.Binary;

/// <summary>
/// Implementation limits where the spec sets none (Wasmtime's, from wasmparser), so a hostile module cannot make us
/// allocate or loop without bound. Exceeding one is STN5004.
/// </summary>
public static class WasmLimits
{
    public const int Types = 1_000_000;
    public const int Functions = 1_000_000;
    public const int Imports = 100_000;
    public const int Exports = 100_000;
    public const int Globals = 1_000_000;
    public const int ElementSegments = 100_000;
    public const int DataSegments = 100_000;
    public const int Tables = 100_000;
    public const int Memories = 100;
    public const int TableEntries = 10_000_000;
    public const int Locals = 50_000;
    public const int FunctionParams = 1_000;
    public const int FunctionResults = 1_000;
    public const int FunctionBodySize = 7_654_321;
    public const int BrTableTargets = 65_520;
    public const int NestingDepth = 100_000;
    public const uint MemoryPages = 65_536;
    public const int NameLength = 100_000;
}
