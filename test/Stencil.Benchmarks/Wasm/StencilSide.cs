using Stencil.Cli.Wasm;
using Stencil.Engine.Caching;
using Stencil.Engine.Wasm;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime;
using Stencil.Wasm.Translation;

namespace Stencil.Benchmarks.Wasm;

/// <summary>Stencil's side: a cold compile as a build does it (decode, validate, translate, compile, object), code
/// sizes, and an instance in the runtime.</summary>
internal static class StencilSide
{
    /// <summary>The timed part of a compile. <paramref name="cache"/> null: no cache at all (every distinct stencil
    /// compiled; identical ones still deduplicated, as in every build).</summary>
    public static WasmCompilation Compile(BenchModule module, byte[] bytes, int threads, ICacheStore? cache = null)
    {
        var options = new WasmCompileOptions { MaxDegreeOfParallelism = threads, Cache = cache };
        var compilation = WasmCompiler.Compile(bytes, module.FileName, module.SymbolName, options);
        var diagnostics = new List<Diagnostic>(compilation.Diagnostics);
        if (!compilation.Succeeded || WasmCompiler.CompileObject(compilation, diagnostics) is null)
            throw new InvalidOperationException($"Stencil did not compile {module.Name}: " +
                string.Join("; ", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
        return compilation;
    }

    /// <summary>Machine-code bytes of each defined wasm function, by function index (imports included in the index
    /// space, as Wasmtime numbers them); trampolines left out.</summary>
    public static Dictionary<int, int> FunctionSizes(WasmCompilation compilation)
    {
        var sizes = new Dictionary<int, int>();
        for (int i = 0; i < compilation.Module.Functions.Count; i++)
            if (compilation.Module.Functions[i] is { Kind: TranslatedKind.Function } f) sizes[(int)f.Index] = compilation.Code[i].Code.Length;
        return sizes;
    }

    public static IBenchInstance Instantiate(BenchModule module, Workload workload) => new Instance(module, workload);

    private sealed class Instance : IBenchInstance
    {
        private readonly LoadedModule _loaded;
        private readonly Store _store = new();
        private readonly Stencil.Wasm.Runtime.Instance _instance;

        public Instance(BenchModule module, Workload workload)
        {
            _loaded = LoadedModule.Load(module.Bytes, module.FileName, module.SymbolName);
            var imports = new Imports();
            foreach (var import in _loaded.Module.Imports.Where(i => i.Kind == ExternalKind.Function))
            {
                var type = _loaded.Module.Types[(int)import.FunctionTypeIndex];
                var host = workload.Imports.FirstOrDefault(h => h.Module == import.ModuleName && h.Name == import.Name);
                HostFunctionCallback body = host is null
                    ? (_, _) => throw new NotSupportedException($"import {import.ModuleName}.{import.Name} called")
                    : (arguments, results) =>
                    {
                        int result = host.Body(this, arguments[0].AsInt32());
                        if (host.HasResult) results[0] = WasmValue.I32(result);
                    };
                imports.Define(import.ModuleName, import.Name, Func.FromCallback(_store, type, body));
            }
            _instance = _loaded.Instantiate(_store, imports);
            if (PerfMap.Enabled) WritePerfMap();
        }

        /// <summary>perf's map of JIT code: each defined function from its address to the next one's.</summary>
        private void WritePerfMap()
        {
            var symbols = _loaded.Code.Symbols;
            var starts = new List<(long Address, string Name)>();
            for (uint f = (uint)_loaded.Module.ImportedFunctionCount; f < (uint)_loaded.Module.FunctionCount; f++)
                if (_loaded.Code.Address(symbols.Function(f)) is var a and not 0) starts.Add(((long)a, $"stencil::{_loaded.Code.Symbols.Prefix}::function[{f}]"));
            starts.Sort();
            PerfMap.Append(starts);
        }

        private Memory LinearMemory => _instance.Memory ?? throw new InvalidOperationException("the module has no memory");

        public long MemoryLength => LinearMemory.Length;

        public bool GrowMemory(long pages) => LinearMemory.Grow((uint)pages) >= 0;

        public Span<byte> Memory(int address, int length) => LinearMemory.Slice((uint)address, length);

        public long Call(string export, params int[] arguments)
        {
            var function = _instance.GetFunction(export);
            var values = function.Type.Params.Select((type, i) => type switch
            {
                ValType.I32 => WasmValue.I32(i < arguments.Length ? arguments[i] : 0),
                ValType.I64 => WasmValue.I64(i < arguments.Length ? arguments[i] : 0),
                _ => throw new ArgumentException($"parameter {i} of {export} is {type}"),
            }).ToArray();
            var results = function.Invoke(values);
            return results.Length == 0 ? 0 : results[0].Type == ValType.I64 ? results[0].AsInt64() : results[0].AsInt32();
        }

        public void Dispose()
        {
            _store.Dispose();
            _loaded.Dispose();
        }
    }
}
