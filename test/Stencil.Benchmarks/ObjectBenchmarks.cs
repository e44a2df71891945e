using BenchmarkDotNet.Attributes;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Isa;

namespace Stencil.Benchmarks;

/// <summary>
/// The end of a fully cached build of the <c>stencil bench cache</c> module (2,000 functions, about 1.3 MB of
/// code): decode the cached payloads, finalize, assemble the ELF object and write it. The code is compiled and
/// encoded once in setup, so only the tail is timed. <see cref="Write"/> replaces an identical object (what a
/// no-change build does); <see cref="WriteChanged"/> alternates two different objects, so every write replaces
/// the file's content.
/// </summary>
[MemoryDiagnoser]
public class ObjectBenchmarks
{
    private const int Functions = 2000;

    private byte[][] _payloads = [];
    private FunctionParameters[] _parameters = [];
    private CompiledCodeStencil[] _decoded = [];
    private CompiledCode[] _finalized = [];
    private byte[] _object = [];
    private byte[] _otherObject = [];
    private string _directory = "";
    private string _path = "";
    private int _writes;

    [GlobalSetup]
    public void Setup()
    {
        var functions = GeneratedModule.Functions(Functions).Select(f => new ModuleFunction(f)).ToArray();
        var compiled = new ParallelModuleCompiler(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default), null).Compile(functions);
        if (compiled.Code.Any(c => c is null)) throw new InvalidOperationException("the benchmark module does not compile");
        _payloads = compiled.Code.Select(c => CompiledCodeCodec.Encode(c!)).ToArray();
        _parameters = functions.Select(f => f.Function.Params).ToArray();
        _decoded = Decode();
        _finalized = Finalize();
        _object = Assemble();
        // Same size, one byte different: the comparison cannot stop at the length.
        _otherObject = (byte[])_object.Clone();
        _otherObject[^1] ^= 1;
        _directory = Directory.CreateTempSubdirectory("stencil-bench-").FullName;
        _path = Path.Combine(_directory, "bench.o");
        ObjectFileWriter.WriteAtomically(_path, _object);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public CompiledCodeStencil[] Decode()
    {
        var code = new CompiledCodeStencil[_payloads.Length];
        for (int i = 0; i < code.Length; i++)
            if (!CompiledCodeCodec.TryDecode(_payloads[i], out code[i]!)) throw new InvalidOperationException("a payload does not decode");
        return code;
    }

    [Benchmark]
    public CompiledCode[] Finalize()
    {
        var finals = new CompiledCode[_decoded.Length];
        for (int i = 0; i < finals.Length; i++) finals[i] = Finalizer.Finalize(_decoded[i], _parameters[i]);
        return finals;
    }

    [Benchmark]
    public byte[] Assemble() => AssembleObject(_finalized);

    [Benchmark]
    public void Write() => ObjectFileWriter.WriteAtomically(_path, _object);

    [Benchmark]
    public void WriteChanged() => ObjectFileWriter.WriteAtomically(_path, (_writes++ & 1) == 0 ? _otherObject : _object);

    /// <summary>All four steps, as a no-change build runs them.</summary>
    [Benchmark(Baseline = true)]
    public void EndToEnd()
    {
        var code = Decode();
        var finals = new CompiledCode[code.Length];
        for (int i = 0; i < finals.Length; i++) finals[i] = Finalizer.Finalize(code[i], _parameters[i]);
        ObjectFileWriter.WriteAtomically(_path, AssembleObject(finals));
    }

    private static byte[] AssembleObject(CompiledCode[] finals)
    {
        var diagnostics = new List<Diagnostic>();
        return ObjectAssembler.Assemble(finals, diagnostics)
            ?? throw new InvalidOperationException(diagnostics.FirstOrDefault()?.Message ?? "the object was not assembled");
    }
}
