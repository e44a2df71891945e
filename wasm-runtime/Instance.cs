using System.Runtime.InteropServices;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime.Instantiation;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// An instantiated module: its instance record (the vmctx, laid out by <see cref="VmOffsets"/>), memory, tables,
/// globals, the segments not yet dropped, and its exports. Created by <see cref="Instantiate"/>; lives as long as its
/// <see cref="Store"/>.
/// </summary>
public sealed unsafe partial class Instance
{
    private readonly HostFunctionCallback?[] _hostImports;
    private readonly nint[] _arrayTrampolines;
    private readonly Dictionary<string, IExtern> _exports = new(StringComparer.Ordinal);
    private readonly Table[] _tables;
    private readonly Global[] _globals;
    private ReadOnlyMemory<byte>[] _data = [];
    private nint[][] _elements = [];

    private Instance(Store store, WasmModule module, ModuleCode code)
    {
        Store = store;
        Module = module;
        Code = code;
        Offsets = new VmOffsets(module);
        _hostImports = new HostFunctionCallback?[module.ImportedFunctionCount];
        _arrayTrampolines = new nint[module.Types.Count];
        _tables = new Table[module.TableCount];
        _globals = new Global[module.GlobalCount];
        var record = store.Own(new InstanceRecord(Offsets.Size, this));
        Vmctx = record.Address;
    }

    public Store Store { get; }
    public WasmModule Module { get; }
    public ModuleCode Code { get; }
    public VmOffsets Offsets { get; }
    /// <summary>The instance record's address, the vmctx every function of the instance receives.</summary>
    public nint Vmctx { get; }
    public Memory? Memory { get; private set; }
    public IReadOnlyList<Table> Tables => _tables;
    public IReadOnlyList<Global> Globals => _globals;
    public IReadOnlyDictionary<string, IExtern> Exports => _exports;

    /// <summary>
    /// Instantiates <paramref name="module"/> whose code is <paramref name="code"/>: resolves and checks the imports
    /// (<see cref="WasmLinkException"/>), lays out the record, creates memory, tables and globals, applies the active
    /// element and data segments in order (a segment out of bounds is a <see cref="WasmTrapException"/>, with the
    /// earlier segments' writes kept, as the spec says) and runs the start function.
    /// </summary>
    public static Instance Instantiate(Store store, WasmModule module, ModuleCode code, Imports imports)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(imports);
        var resolved = ImportLinker.Resolve(module, imports);
        var instance = new Instance(store, module, code);
        instance.Initialize(resolved);
        instance.ApplySegments();
        if (module.StartFunction is uint start) instance.FunctionAt(start).Invoke();
        return instance;
    }

    public Func GetFunction(string name) => Export<Func>(name);
    public Memory GetMemory(string name) => Export<Memory>(name);
    public Global GetGlobal(string name) => Export<Global>(name);
    public Table GetTable(string name) => Export<Table>(name);

    private T Export<T>(string name) where T : class, IExtern =>
        _exports.GetValueOrDefault(name) as T ?? throw new KeyNotFoundException($"the instance exports no {typeof(T).Name.ToLowerInvariant()} named \"{name}\"");

    /// <summary>Function <paramref name="index"/> (imports included) as a callable <see cref="Func"/>.</summary>
    public Func FunctionAt(uint index)
    {
        uint typeIndex = Module.FunctionTypeIndex(index);
        return Func.FromInstance(Store, Module.Types[(int)typeIndex], FuncRefAddress(index), _arrayTrampolines[typeIndex]);
    }

    internal nint FuncRefAddress(uint funcIndex) => Vmctx + Offsets.FuncRef(funcIndex);

    internal nint GlobalCell(uint index) => Offsets.IsGlobalImported(index) ? *(nint*)(Vmctx + Offsets.Global(index)) : Vmctx + Offsets.Global(index);

    internal ulong ReadGlobal(uint index) => *(ulong*)GlobalCell(index);

    internal HostFunctionCallback HostImport(int funcIndex) =>
        _hostImports[funcIndex] ?? throw new InvalidOperationException($"function {funcIndex} is not a host import");

    internal ReadOnlySpan<byte> DataSegment(uint index) => _data[index].Span;
    internal void DropData(uint index) => _data[index] = ReadOnlyMemory<byte>.Empty;
    internal ReadOnlySpan<nint> ElementSegment(uint index) => _elements[index];
    internal void DropElements(uint index) => _elements[index] = [];

    internal static Instance FromVmctx(nint vmctx) =>
        (Instance)GCHandle.FromIntPtr(*(nint*)(vmctx + VmOffsets.InstanceHandle)).Target!;

    /// <summary>The native record and the handle it holds to its instance, freed with the store.</summary>
    private sealed class InstanceRecord : IDisposable
    {
        private GCHandle _handle;

        public InstanceRecord(int size, Instance instance)
        {
            Address = (nint)NativeMemory.AlignedAlloc((nuint)size, 64);
            new Span<byte>((void*)Address, size).Clear();
            _handle = GCHandle.Alloc(instance);
            *(nint*)(Address + VmOffsets.InstanceHandle) = GCHandle.ToIntPtr(_handle);
        }

        public nint Address { get; private set; }

        public void Dispose()
        {
            if (Address == 0) return;
            _handle.Free();
            NativeMemory.AlignedFree((void*)Address);
            Address = 0;
        }
    }
}
