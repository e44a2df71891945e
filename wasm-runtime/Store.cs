using System.Runtime.InteropServices;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime.Native;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// A store: the <see cref="VmStore"/> record its instances share (stack limit, active entry frame), the canonical
/// type ids (structurally equal function types of any of its modules get one id, so <c>call_indirect</c> across
/// modules compares ids), and everything its instances allocated, which lives until the store is disposed (a funcref
/// stored in a shared table may point into any instance's record). One thread runs a store's code at a time.
/// </summary>
public sealed unsafe class Store : IDisposable
{
    private readonly Dictionary<FuncType, uint> _typeIds = [];
    private readonly List<IDisposable> _owned = [];
    private byte* _record;

    public Store()
    {
        _record = (byte*)NativeMemory.AllocZeroed(VmStore.Size);
    }

    /// <summary>Bytes of machine stack wasm code may use below the outermost entry before it traps with "call stack exhausted".</summary>
    public int StackBudget { get; set; } = 512 * 1024;

    internal nint Record => _record != null ? (nint)_record : throw new ObjectDisposedException(nameof(Store));

    /// <summary>The store-wide id of a function type (0 is never used, so a zeroed slot matches nothing).</summary>
    public uint TypeId(FuncType type)
    {
        if (!_typeIds.TryGetValue(type, out var id)) _typeIds[type] = id = (uint)_typeIds.Count + 1;
        return id;
    }

    /// <summary>The exception an import threw, kept until the entry that ran it returns.</summary>
    internal Exception? PendingException { get; set; }

    internal T Own<T>(T resource) where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    /// <summary>
    /// Runs <paramref name="code"/> (with the wasm signature of a type whose array trampoline is
    /// <paramref name="arrayTrampoline"/>) on the values buffer through the entry routine; throws the trap, if any.
    /// </summary>
    internal void Call(nint vmctx, nint code, nint arrayTrampoline, ulong* values)
    {
        var entry = (delegate* unmanaged<nint, nint, nint, nint, nint, nint, int>)EntryCode.Entry;
        int status = entry(Record, vmctx, code, (nint)values, arrayTrampoline, StackBudget);
        var pending = PendingException;
        PendingException = null;
        if (status == 0)
        {
            // A grow builtin that failed unexpectedly answered -1 and left its exception: our bug, reported loudly.
            if (pending is not null) throw new InvalidOperationException("internal error in a runtime builtin: " + pending.Message, pending);
            return;
        }
        var kind = (WasmTrapKind)status;
        throw new WasmTrapException(kind, kind == WasmTrapKind.HostException ? pending : null);
    }

    public void Dispose()
    {
        if (_record == null) return;
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
        NativeMemory.Free(_record);
        _record = null;
    }
}
