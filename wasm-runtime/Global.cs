using System.Runtime.InteropServices;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// A global: its type and its 8-byte cell (in the record of the instance that defines it, or allocated for a global
/// the host creates). An instance that imports it points its slot at the cell, so every importer sees every write.
/// </summary>
public sealed unsafe class Global : IExtern
{
    private readonly Store _store;

    internal Global(Store store, GlobalType type, nint cell)
    {
        _store = store;
        Type = type;
        Cell = cell;
    }

    /// <summary>A global owned by the host, e.g. the <c>spectest</c> module's.</summary>
    public Global(Store store, GlobalType type, WasmValue value)
        : this(store, type, store.Own(new NativeCell()).Address)
    {
        if (value.Type != type.Type) throw new ArgumentException($"a {type.Type.Name()} global cannot hold a {value.Type.Name()}", nameof(value));
        *(ulong*)Cell = value.Bits;
    }

    public GlobalType Type { get; }
    internal nint Cell { get; }
    internal Store Store => _store;

    public WasmValue Value
    {
        get => WasmValue.FromSlot(Type.Type, *(ulong*)Cell);
        set
        {
            if (!Type.Mutable) throw new InvalidOperationException("the global is immutable");
            if (value.Type != Type.Type) throw new ArgumentException($"a {Type.Type.Name()} global cannot hold a {value.Type.Name()}", nameof(value));
            *(ulong*)Cell = value.Bits;
        }
    }

    private sealed class NativeCell : IDisposable
    {
        public nint Address { get; private set; } = (nint)NativeMemory.AllocZeroed(8);

        public void Dispose()
        {
            NativeMemory.Free((void*)Address);
            Address = 0;
        }
    }
}
