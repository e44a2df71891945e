using Wasmtime;
using WasmtimeEngine = Wasmtime.Engine;

namespace Stencil.Benchmarks.Wasm;

/// <summary>
/// Wasmtime 50.0.1 (Cranelift), configured like Stencil: opt level speed, explicit bounds checks (no guard region:
/// <c>WithMemoryGuardSize(0)</c>, <c>WithStaticMemoryMaximumSize(0)</c>, <c>WithMemoryMayMove(true)</c>), one compile
/// thread or its parallel compilation. No module cache is configured, so every compile is a full one.
/// </summary>
internal static class WasmtimeSide
{
    public static Config NewConfig(bool parallel) => new Config()
        .WithOptimizationLevel(OptimizationLevel.Speed)
        .WithParallelCompilation(parallel)
        .WithMemoryGuardSize(0)
        .WithStaticMemoryMaximumSize(0)
        .WithMemoryMayMove(true);

    /// <summary>An engine for one compile, made outside the timed part, so the compile reuses nothing.</summary>
    public static WasmtimeEngine NewEngine(bool parallel) => new(NewConfig(parallel));

    /// <summary>The timed part: validation, translation, Cranelift, the image made executable.</summary>
    public static Module Compile(WasmtimeEngine engine, BenchModule module, byte[] bytes) => Module.FromBytes(engine, module.Name, bytes);

    /// <summary>Code bytes of each defined function by function index, from the serialized module's ELF symbols
    /// <c>wasm[0]::function[N]</c> (trampolines and builtins left out).</summary>
    public static Dictionary<int, int> FunctionSizes(BenchModule module)
    {
        var sizes = new Dictionary<int, int>();
        foreach (var symbol in ElfSymbols.Functions(Serialize(module)))
        {
            const string Prefix = "wasm[0]::function[";
            if (symbol.Name.StartsWith(Prefix, StringComparison.Ordinal) && symbol.Name.EndsWith(']'))
                sizes[int.Parse(symbol.Name.AsSpan(Prefix.Length, symbol.Name.Length - Prefix.Length - 1))] = checked((int)symbol.Size);
        }
        return sizes;
    }

    /// <summary>The compiled module as Wasmtime serializes it: an ELF image with one symbol per function.</summary>
    public static byte[] Serialize(BenchModule module)
    {
        using var engine = NewEngine(parallel: true);
        using var compiled = Compile(engine, module, module.Bytes);
        return compiled.Serialize();
    }

    public static IBenchInstance Instantiate(BenchModule module, Workload workload) => new Instance(module, workload);

    private sealed class Instance : IBenchInstance
    {
        private readonly WasmtimeEngine _engine = new(PerfMap.Enabled ? NewConfig(parallel: true).WithProfilingStrategy(ProfilingStrategy.PerfMap) : NewConfig(parallel: true));
        private readonly Module _module;
        private readonly Linker _linker;
        private readonly Store _store;
        private readonly Wasmtime.Instance _instance;
        private readonly Memory _memory;

        public Instance(BenchModule module, Workload workload)
        {
            _module = Compile(_engine, module, module.Bytes);
            _linker = new Linker(_engine);
            _store = new Store(_engine);
            foreach (var host in workload.Imports)
            {
                if (host.HasResult) _linker.DefineFunction(host.Module, host.Name, (int a) => host.Body(this, a));
                else _linker.DefineFunction(host.Module, host.Name, (int a) => { host.Body(this, a); });
            }
            _linker.DefineUnknownImportsAsTraps(_module);
            _instance = _linker.Instantiate(_store, _module);
            _memory = _module.Exports.OfType<MemoryExport>().Select(e => _instance.GetMemory(e.Name)).Single()
                ?? throw new InvalidOperationException("the module has no memory");
        }

        public long MemoryLength => _memory.GetLength();

        public bool GrowMemory(long pages) => _memory.Grow(pages) >= 0;

        public Span<byte> Memory(int address, int length) => _memory.GetSpan((uint)address, length);

        public long Call(string export, params int[] arguments)
        {
            var function = _instance.GetFunction(export) ?? throw new InvalidOperationException($"no export {export}");
            var values = function.Parameters.Select((kind, i) => kind switch
            {
                ValueKind.Int32 => (ValueBox)(i < arguments.Length ? arguments[i] : 0),
                ValueKind.Int64 => (ValueBox)(long)(i < arguments.Length ? arguments[i] : 0),
                _ => throw new ArgumentException($"parameter {i} of {export} is {kind}"),
            }).ToArray();
            return function.Invoke(values) switch
            {
                null => 0,
                int i => i,
                long l => l,
                var other => throw new InvalidOperationException($"{export} returned {other.GetType().Name}"),
            };
        }

        public void Dispose()
        {
            _store.Dispose();
            _linker.Dispose();
            _module.Dispose();
            _engine.Dispose();
        }
    }
}
