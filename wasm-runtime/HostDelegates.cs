using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime;

/// <summary>Typed C# delegates as host functions: the wasm type from the delegate's signature, values converted both ways.</summary>
internal static class HostDelegates
{
    public static Func Wrap(Store store, Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var invoke = function.GetType().GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var resultTypes = ResultTypes(invoke.ReturnType);
        var type = new FuncType(parameters.Select(ValTypeOf).ToArray(), resultTypes.Select(ValTypeOf).ToArray());
        bool tuple = resultTypes.Length > 1;
        return Func.FromCallback(store, type, (arguments, results) =>
        {
            var boxed = new object?[arguments.Length];
            for (int i = 0; i < boxed.Length; i++) boxed[i] = ToClr(arguments[i], parameters[i]);
            object? returned;
            try
            {
                returned = function.DynamicInvoke(boxed);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            if (resultTypes.Length == 0) return;
            if (!tuple)
            {
                results[0] = FromClr(returned!, type.Results[0]);
                return;
            }
            var items = (ITuple)returned!;
            for (int i = 0; i < resultTypes.Length; i++) results[i] = FromClr(items[i]!, type.Results[i]);
        });
    }

    private static Type[] ResultTypes(Type returnType)
    {
        if (returnType == typeof(void)) return [];
        if (returnType.IsGenericType && returnType.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
            return returnType.GetGenericArguments();
        return [returnType];
    }

    private static ValType ValTypeOf(Type type) =>
        type == typeof(int) || type == typeof(uint) ? ValType.I32
        : type == typeof(long) || type == typeof(ulong) ? ValType.I64
        : type == typeof(float) ? ValType.F32
        : type == typeof(double) ? ValType.F64
        : throw new ArgumentException($"{type.Name} is not a wasm value type (int, uint, long, ulong, float, double)");

    private static object ToClr(WasmValue value, Type type) =>
        type == typeof(int) ? value.AsInt32()
        : type == typeof(uint) ? (object)(uint)value.AsInt32()
        : type == typeof(long) ? value.AsInt64()
        : type == typeof(ulong) ? (object)(ulong)value.AsInt64()
        : type == typeof(float) ? value.AsSingle()
        : (object)value.AsDouble();

    private static WasmValue FromClr(object value, ValType type) => value switch
    {
        int v => WasmValue.I32(v),
        uint v => WasmValue.I32((int)v),
        long v => WasmValue.I64(v),
        ulong v => WasmValue.I64((long)v),
        float v => WasmValue.F32(v),
        double v => WasmValue.F64(v),
        _ => throw new InvalidOperationException($"a host function returned {value.GetType().Name} for a {type.Name()} result"),
    };
}
