using BenchmarkDotNet.Attributes;
using Stencil.Engine.Compilation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;
using Stencil.Isa;

namespace Stencil.Benchmarks;

/// <summary>
/// Front-end throughput on 200 generated functions (about 21,000 instructions): what every build pays per source
/// before any cache lookup. Divide by the instruction count for time per instruction.
/// </summary>
[MemoryDiagnoser]
public class FrontEndBenchmarks
{
    private string _text = "";
    private ClifFile _parsed = null!;
    private KeyContext _keyContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = GeneratedModule.Text(200);
        _parsed = ClifReader.ParseFile(_text, "bench.clif");
        _keyContext = new ParallelModuleCompiler(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default), null).KeyContext;
    }

    [Benchmark]
    public int Parse() => ClifReader.ParseFile(_text, "bench.clif").Functions.Count;

    [Benchmark]
    public int Verify()
    {
        int problems = 0;
        foreach (var f in _parsed.Functions) problems += Verifier.Verify(f.Function).Count;
        return problems;
    }

    [Benchmark]
    public int Key()
    {
        int h = 0;
        foreach (var f in _parsed.Functions) h ^= StencilEncoder.ComputeKey(f.Function.Stencil, _keyContext).GetHashCode();
        return h;
    }

    /// <summary>The reader's chunk-wise path, as a build that hashes function texts uses it when all of them changed.</summary>
    [Benchmark]
    public int ParseByChunks()
    {
        var outline = ClifReader.Outline(_text);
        ClifReader.ParsePreamble(_text, outline, "bench.clif");
        int n = 0;
        foreach (var chunk in outline.Chunks) n += ClifReader.ParseChunk(_text, chunk, "bench.clif").Function.Dfg.NumInsts;
        return n;
    }

    /// <summary>Everything before the cache lookup, on a fresh read: parse, verify with positions, key.</summary>
    [Benchmark]
    public int ParseVerifyKey()
    {
        int h = 0;
        foreach (var f in ClifReader.ParseFile(_text, "bench.clif").Functions)
        {
            h += Verifier.Verify(f.Function, f.PositionOf, "bench.clif").Count;
            h ^= StencilEncoder.ComputeKey(f.Function.Stencil, _keyContext).GetHashCode();
        }
        return h;
    }
}
