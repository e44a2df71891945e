using System.Runtime.InteropServices;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// A table of references: its <see cref="VmTable"/> record (which instance records point to, so a table imported by
/// several instances is one record) and its elements, 8 bytes each (a funcref's address or 0 for null). Growing
/// reallocates the elements and updates the record.
/// </summary>
public sealed unsafe class Table : IExtern, IDisposable
{
    /// <summary>The most elements a table may grow to (Wasmtime's limit), whatever its type allows.</summary>
    public const uint MaxElements = 10_000_000;

    private VmTableRecord* _record;

    public Table(Store store, TableType type, nint initial = 0)
    {
        ArgumentNullException.ThrowIfNull(store);
        Type = type;
        _record = (VmTableRecord*)NativeMemory.AllocZeroed((nuint)sizeof(VmTableRecord));
        _record->Maximum = type.Limits.Max ?? uint.MaxValue;
        store.Own(this);
        if (type.Limits.Min > MaxElements) throw new WasmLinkException("table too large");
        Resize(type.Limits.Min, initial);
    }

    public TableType Type { get; }
    public uint Length => Record->Length;
    internal VmTableRecord* Record => _record != null ? _record : throw new ObjectDisposedException(nameof(Table));
    internal nint Address => (nint)Record;

    public nint this[uint index]
    {
        get => index < Length ? Record->Elements[index] : throw new ArgumentOutOfRangeException(nameof(index));
        set
        {
            if (index >= Length) throw new ArgumentOutOfRangeException(nameof(index));
            Record->Elements[index] = value;
        }
    }

    internal Span<nint> Elements => new(Record->Elements, (int)Length);

    /// <summary>Adds <paramref name="delta"/> elements set to <paramref name="initial"/>; the old length, or -1.</summary>
    public int Grow(uint delta, nint initial)
    {
        uint old = Length;
        ulong wanted = (ulong)old + delta;
        if (wanted > Record->Maximum || wanted > MaxElements) return -1;
        Resize((uint)wanted, initial);
        return (int)old;
    }

    private void Resize(uint length, nint initial)
    {
        uint old = Record->Length;
        var elements = (nint*)NativeMemory.Realloc(Record->Elements, (nuint)Math.Max(length, 1) * 8);
        new Span<nint>(elements + old, (int)(length - old)).Fill(initial);
        Record->Elements = elements;
        Record->Length = length;
    }

    public void Dispose()
    {
        if (_record == null) return;
        NativeMemory.Free(_record->Elements);
        NativeMemory.Free(_record);
        _record = null;
    }
}

/// <summary>The <see cref="VmTable"/> layout as a struct (a test checks the offsets against it).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VmTableRecord
{
    public nint* Elements;
    public uint Length;
    public uint Maximum;
}
