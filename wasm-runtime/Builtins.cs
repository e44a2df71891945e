using System.Runtime.InteropServices;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime.Native;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// The builtins table every instance record points to (<see cref="VmOffsets.Builtins"/>), in <see cref="WasmBuiltin"/>
/// order: <see cref="WasmBuiltin.Trap"/> is the hand-written routine of <see cref="EntryCode"/>, the rest are the
/// [UnmanagedCallersOnly] methods below. They run between wasm frames, so nothing may escape them: an exception
/// becomes the store's pending exception and status <see cref="WasmTrapKind.HostException"/>.
/// </summary>
internal static unsafe class Builtins
{
    private static readonly Lazy<nint> Pointers = new(Build);

    public static nint Table => Pointers.Value;

    private static nint Build()
    {
        var table = (nint*)NativeMemory.AllocZeroed((nuint)WasmBuiltins.Count * 8);
        table[(int)WasmBuiltin.Trap] = EntryCode.Trap;
        table[(int)WasmBuiltin.MemoryGrow] = (nint)(delegate* unmanaged<nint, int, int>)&MemoryGrow;
        table[(int)WasmBuiltin.MemoryFill] = (nint)(delegate* unmanaged<nint, int, int, int, int>)&MemoryFill;
        table[(int)WasmBuiltin.MemoryCopy] = (nint)(delegate* unmanaged<nint, int, int, int, int>)&MemoryCopy;
        table[(int)WasmBuiltin.MemoryInit] = (nint)(delegate* unmanaged<nint, int, int, int, int, int>)&MemoryInit;
        table[(int)WasmBuiltin.DataDrop] = (nint)(delegate* unmanaged<nint, int, void>)&DataDrop;
        table[(int)WasmBuiltin.TableGrow] = (nint)(delegate* unmanaged<nint, int, int, long, int>)&TableGrow;
        table[(int)WasmBuiltin.TableFill] = (nint)(delegate* unmanaged<nint, int, int, long, int, int>)&TableFill;
        table[(int)WasmBuiltin.TableCopy] = (nint)(delegate* unmanaged<nint, int, int, int, int, int, int>)&TableCopy;
        table[(int)WasmBuiltin.TableInit] = (nint)(delegate* unmanaged<nint, int, int, int, int, int, int>)&TableInit;
        table[(int)WasmBuiltin.ElemDrop] = (nint)(delegate* unmanaged<nint, int, void>)&ElemDrop;
        table[(int)WasmBuiltin.HostCall] = (nint)(delegate* unmanaged<nint, int, long, int>)&HostCall;
        return (nint)table;
    }

    private const int Ok = 0;
    private static readonly int MemoryOutOfBounds = (int)WasmTrapKind.MemoryOutOfBounds;
    private static readonly int TableOutOfBounds = (int)WasmTrapKind.TableOutOfBounds;

    private static bool Inside(uint start, uint length, ulong size) => (ulong)start + length <= size;

    [UnmanagedCallersOnly]
    private static int MemoryGrow(nint vmctx, int delta)
    {
        var instance = Instance.FromVmctx(vmctx);
        try
        {
            return instance.Memory!.Grow((uint)delta);
        }
        catch (Exception e)
        {
            instance.Store.PendingException = e;
            return -1;
        }
    }

    [UnmanagedCallersOnly]
    private static int MemoryFill(nint vmctx, int dst, int value, int length) => Guard(vmctx, instance =>
    {
        var memory = instance.Memory!;
        if (!Inside((uint)dst, (uint)length, (ulong)memory.Length)) return MemoryOutOfBounds;
        NativeMemory.Fill((void*)(memory.Base + (nint)(uint)dst), (uint)length, (byte)value);
        return Ok;
    });

    [UnmanagedCallersOnly]
    private static int MemoryCopy(nint vmctx, int dst, int src, int length) => Guard(vmctx, instance =>
    {
        var memory = instance.Memory!;
        ulong size = (ulong)memory.Length;
        if (!Inside((uint)dst, (uint)length, size) || !Inside((uint)src, (uint)length, size)) return MemoryOutOfBounds;
        Buffer.MemoryCopy((void*)(memory.Base + (nint)(uint)src), (void*)(memory.Base + (nint)(uint)dst), (uint)length, (uint)length);
        return Ok;
    });

    [UnmanagedCallersOnly]
    private static int MemoryInit(nint vmctx, int segment, int dst, int src, int length) => Guard(vmctx, instance =>
    {
        var memory = instance.Memory!;
        var data = instance.DataSegment((uint)segment);
        if (!Inside((uint)src, (uint)length, (ulong)data.Length) || !Inside((uint)dst, (uint)length, (ulong)memory.Length)) return MemoryOutOfBounds;
        data.Slice(src, length).CopyTo(new Span<byte>((void*)(memory.Base + (nint)(uint)dst), length));
        return Ok;
    });

    [UnmanagedCallersOnly]
    private static void DataDrop(nint vmctx, int segment) => Guard(vmctx, instance =>
    {
        instance.DropData((uint)segment);
        return Ok;
    });

    [UnmanagedCallersOnly]
    private static int TableGrow(nint vmctx, int table, int delta, long initial)
    {
        var instance = Instance.FromVmctx(vmctx);
        try
        {
            return instance.Tables[table].Grow((uint)delta, (nint)initial);
        }
        catch (Exception e)
        {
            instance.Store.PendingException = e;
            return -1;
        }
    }

    [UnmanagedCallersOnly]
    private static int TableFill(nint vmctx, int table, int dst, long value, int length) => Guard(vmctx, instance =>
    {
        var t = instance.Tables[table];
        if (!Inside((uint)dst, (uint)length, t.Length)) return TableOutOfBounds;
        t.Elements.Slice(dst, length).Fill((nint)value);
        return Ok;
    });

    [UnmanagedCallersOnly]
    private static int TableCopy(nint vmctx, int dstTable, int srcTable, int dst, int src, int length) => Guard(vmctx, instance =>
    {
        var to = instance.Tables[dstTable];
        var from = instance.Tables[srcTable];
        if (!Inside((uint)dst, (uint)length, to.Length) || !Inside((uint)src, (uint)length, from.Length)) return TableOutOfBounds;
        from.Elements.Slice(src, length).CopyTo(to.Elements[dst..]);
        return Ok;
    });

    [UnmanagedCallersOnly]
    private static int TableInit(nint vmctx, int table, int segment, int dst, int src, int length) => Guard(vmctx, instance =>
    {
        var t = instance.Tables[table];
        var items = instance.ElementSegment((uint)segment);
        if (!Inside((uint)src, (uint)length, (ulong)items.Length) || !Inside((uint)dst, (uint)length, t.Length)) return TableOutOfBounds;
        items.Slice(src, length).CopyTo(t.Elements[dst..]);
        return Ok;
    });

    [UnmanagedCallersOnly]
    private static void ElemDrop(nint vmctx, int segment) => Guard(vmctx, instance =>
    {
        instance.DropElements((uint)segment);
        return Ok;
    });

    /// <summary>Calls host import <paramref name="funcIndex"/> with the arguments in the values buffer and leaves its results there.</summary>
    [UnmanagedCallersOnly]
    private static int HostCall(nint vmctx, int funcIndex, long values) => Guard(vmctx, instance =>
    {
        var type = instance.Module.Types[(int)instance.Module.FunctionTypeIndex((uint)funcIndex)];
        var slots = (ulong*)values;
        Span<WasmValue> arguments = type.Params.Length <= 8 ? stackalloc WasmValue[type.Params.Length] : new WasmValue[type.Params.Length];
        for (int i = 0; i < arguments.Length; i++) arguments[i] = WasmValue.FromSlot(type.Params[i], slots[i]);
        Span<WasmValue> results = type.Results.Length <= 8 ? stackalloc WasmValue[type.Results.Length] : new WasmValue[type.Results.Length];
        instance.HostImport(funcIndex)(arguments, results);
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i].Type != type.Results[i])
                throw new InvalidOperationException($"host import {funcIndex} returned {results[i].Type.Name()} for result {i}, its type says {type.Results[i].Name()}");
            slots[i] = results[i].Bits;
        }
        return Ok;
    });

    private delegate int Body(Instance instance);

    private static int Guard(nint vmctx, Body body)
    {
        var instance = Instance.FromVmctx(vmctx);
        try
        {
            return body(instance);
        }
        catch (Exception e)
        {
            instance.Store.PendingException = e;
            return (int)WasmTrapKind.HostException;
        }
    }
}
