using System.Buffers.Binary;
using Stencil.Cli.Wasm;
using Stencil.Engine.Wasm;
using Stencil.Isa;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime.Tests.RealModules;

/// <summary>A real module compiled (translator, engine at <c>speed</c>) and instantiated in its own store, with
/// helpers to call exports with integers and to move bytes in and out of its memory.</summary>
internal sealed class RealModule : IDisposable
{
    private readonly LoadedModule _loaded;

    public RealModule(string wasmPath, Func<RealModule, Imports> imports, OptLevel optLevel = OptLevel.Speed)
    {
        _loaded = LoadedModule.Load(File.ReadAllBytes(wasmPath), Path.GetFileName(wasmPath), Path.GetFileNameWithoutExtension(wasmPath),
            new WasmCompileOptions { OptLevel = optLevel });
        Store = new Store();
        Instance = _loaded.Instantiate(Store, imports(this));
    }

    public Store Store { get; }
    public Instance Instance { get; }
    public WasmModule Module => _loaded.Module;
    public Memory Memory => Instance.Exports.Values.OfType<Memory>().Single();

    /// <summary>Calls <paramref name="export"/> with i32 arguments (missing trailing ones are 0); its first result as a long, or 0.</summary>
    public long Call(string export, params int[] arguments)
    {
        var function = Instance.GetFunction(export);
        var values = function.Type.Params.Select((type, i) => type switch
        {
            ValType.I32 => WasmValue.I32(i < arguments.Length ? arguments[i] : 0),
            ValType.I64 => WasmValue.I64(i < arguments.Length ? arguments[i] : 0),
            _ => throw new ArgumentException($"parameter {i} of {export} is {type.Name()}"),
        }).ToArray();
        var results = function.Invoke(values);
        return results.Length == 0 ? 0 : results[0].Type == ValType.I64 ? results[0].AsInt64() : results[0].AsInt32();
    }

    public void Write(int address, ReadOnlySpan<byte> bytes) => bytes.CopyTo(Memory.Slice(address, bytes.Length));

    public byte[] Read(int address, int length) => Memory.Slice(address, length).ToArray();

    public int ReadInt32(int address) => BinaryPrimitives.ReadInt32LittleEndian(Memory.Slice(address, 4));

    /// <summary>Host functions for every import of the module: the ones in <paramref name="bodies"/> by name, any
    /// other throws when called (so an import the test thought unused shows up as a trap naming it).</summary>
    public static Imports ImportsOf(WasmModule module, Store store, IReadOnlyDictionary<string, HostFunctionCallback> bodies)
    {
        var imports = new Imports();
        foreach (var import in module.Imports.Where(i => i.Kind == ExternalKind.Function))
        {
            var type = module.Types[(int)import.FunctionTypeIndex];
            var body = bodies.GetValueOrDefault(import.Name)
                ?? ((_, _) => throw new NotSupportedException($"import {import.ModuleName}.{import.Name} called"));
            imports.Define(import.ModuleName, import.Name, Func.FromCallback(store, type, body));
        }
        return imports;
    }

    public void Dispose()
    {
        Store.Dispose();
        _loaded.Dispose();
    }

    /// <summary>Deterministic bytes that compress somewhat (runs and repeats mixed with noise), like real data.</summary>
    public static byte[] SampleData(int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        int i = 0;
        while (i < length)
        {
            int run = random.Next(1, 64);
            if (random.Next(3) == 0 && i > 1024)
            {
                int from = i - random.Next(1, 1024);
                for (int k = 0; k < run && i < length; k++) data[i++] = data[from + k];
            }
            else
            {
                for (int k = 0; k < run && i < length; k++) data[i++] = (byte)(random.Next(3) == 0 ? random.Next(256) : 'a' + random.Next(16));
            }
        }
        return data;
    }
}
