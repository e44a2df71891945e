using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime;

/// <summary>
/// A function: either one wasm can call (a <see cref="VmFuncRef"/> in an instance record, with the array trampoline
/// of its type for calls from C#), or a host function not yet imported anywhere. <see cref="Invoke"/> calls either
/// with values checked against <see cref="Type"/>.
/// </summary>
public sealed unsafe class Func : IExtern
{
    private Func(Store store, FuncType type, nint funcRef, nint arrayTrampoline, HostFunctionCallback? host)
    {
        Store = store;
        Type = type;
        FuncRef = funcRef;
        ArrayTrampoline = arrayTrampoline;
        Host = host;
    }

    public FuncType Type { get; }
    public Store Store { get; }
    /// <summary>The <see cref="VmFuncRef"/> address (the funcref value), or 0 for a host function.</summary>
    internal nint FuncRef { get; }
    internal nint ArrayTrampoline { get; }
    internal HostFunctionCallback? Host { get; }

    /// <summary>The funcref value of this function (0 for a host function, which has one only once imported).</summary>
    public nint Reference => FuncRef;

    public static Func FromCallback(Store store, FuncType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        return new Func(store, type, 0, 0, callback);
    }

    /// <summary>A host function from a typed delegate (parameters and result int, uint, long, ulong, float, double;
    /// void; or a value tuple of those for several results).</summary>
    public static Func Wrap(Store store, Delegate function) => HostDelegates.Wrap(store, function);

    internal static Func FromInstance(Store store, FuncType type, nint funcRef, nint arrayTrampoline) =>
        new(store, type, funcRef, arrayTrampoline, null);

    public WasmValue[] Invoke(params ReadOnlySpan<WasmValue> arguments)
    {
        if (arguments.Length != Type.Params.Length)
            throw new ArgumentException($"the function takes {Type.Params.Length} arguments, not {arguments.Length}", nameof(arguments));
        for (int i = 0; i < arguments.Length; i++)
            if (arguments[i].Type != Type.Params[i])
                throw new ArgumentException($"argument {i} is {arguments[i].Type.Name()}, the function wants {Type.Params[i].Name()}", nameof(arguments));
        var results = new WasmValue[Type.Results.Length];
        if (FuncRef == 0)
        {
            Host!(arguments, results);
            return results;
        }
        if (ArrayTrampoline == 0) throw new InvalidOperationException($"no array trampoline for {Type}");
        int slots = Math.Max(1, Math.Max(arguments.Length, results.Length));
        ulong* values = stackalloc ulong[slots];
        for (int i = 0; i < arguments.Length; i++) values[i] = arguments[i].Bits;
        var code = *(nint*)(FuncRef + VmFuncRef.Code);
        var vmctx = *(nint*)(FuncRef + VmFuncRef.Vmctx);
        Store.Call(vmctx, code, ArrayTrampoline, values);
        for (int i = 0; i < results.Length; i++) results[i] = WasmValue.FromSlot(Type.Results[i], values[i]);
        return results;
    }

    public override string ToString() => $"func {Type}";
}
