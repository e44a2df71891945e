using BenchmarkDotNet.Attributes;
using Stencil.Isa;

namespace Stencil.Benchmarks;

/// <summary>
/// Run time of generated code: each hand-written kernel (checksum, memcpy, matmul, a br_table interpreter) and
/// 200 generated functions, compiled at <c>none</c> and at <c>speed</c> and called natively through the JIT.
/// <see cref="QualityReport"/> prints the same comparison with code sizes as one table.
/// </summary>
public class CodeQualityBenchmarks
{
    private Kernel? _kernel;
    private CompiledKernel _compiled = null!;
    private nint _function;
    private GeneratedCalls? _generated;

    [Params("checksum", "memcpy", "matmul", "interpreter", "generated")]
    public string Kernel { get; set; } = "";

    [Params(OptLevel.None, OptLevel.Speed)]
    public OptLevel Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Kernel == "generated")
        {
            _generated = new GeneratedCalls(Level);
            return;
        }
        _kernel = Benchmarks.Kernel.Create(Kernel);
        _compiled = new CompiledKernel(_kernel.Text, Level);
        _function = _compiled.Pointer(Kernel);
    }

    [Benchmark]
    public long Run() => _generated?.CallAll() ?? _compiled.Call(_function, _kernel!.Args);

    [GlobalCleanup]
    public void Cleanup()
    {
        _generated?.Dispose();
        if (_kernel is null) return;
        _compiled.Dispose();
        _kernel.Dispose();
    }
}
