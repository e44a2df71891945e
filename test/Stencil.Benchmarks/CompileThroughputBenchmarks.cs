using BenchmarkDotNet.Attributes;
using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Benchmarks;

/// <summary>
/// Compile throughput of the bench module (200 generated functions, about 21,000 IR instructions) at
/// <c>none</c> and <c>speed</c>: the whole of <see cref="Context.Compile"/>, mid-end included. Compiling
/// changes functions in place, so every iteration compiles a freshly parsed copy. Divide by the
/// instruction count for time per instruction.
/// </summary>
public class CompileThroughputBenchmarks
{
    private string _text = "";
    private IReadOnlyList<Function> _functions = [];
    private Context _context = null!;

    [Params(OptLevel.None, OptLevel.Speed)]
    public OptLevel Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = GeneratedModule.Text(GeneratedCalls.Count);
        _context = new Context(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default with { OptLevel = Level }));
    }

    [IterationSetup]
    public void Parse() => _functions = ClifReader.ParseFunctions(_text, "bench.clif");

    [Benchmark]
    public int Compile()
    {
        int bytes = 0;
        foreach (var f in _functions) bytes += _context.Compile(f.Stencil).Code.Length;
        return bytes;
    }
}
