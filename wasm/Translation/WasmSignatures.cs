using Stencil.Ir;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>
/// How wasm types appear in the IR (see ARCHITECTURE.md, "The WebAssembly instance ABI"): numbers as themselves,
/// references as an i64 address (0 = null); every wasm function takes the vmctx first and uses System V, with results
/// beyond the registers in the implicit return area.
/// </summary>
public static class WasmSignatures
{
    public static IrType IrTypeOf(ValType type) => type switch
    {
        ValType.I32 => IrType.I32,
        ValType.I64 => IrType.I64,
        ValType.F32 => IrType.F32,
        ValType.F64 => IrType.F64,
        ValType.FuncRef or ValType.ExternRef => IrType.I64,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no IR type for this wasm type"),
    };

    /// <summary>The signature of a wasm function of type <paramref name="type"/>: <c>(i64 vmctx, params...) -> results</c>.</summary>
    public static Signature Function(FuncType type)
    {
        var sig = new Signature(CallConv.SystemV);
        sig.Params.Add(new AbiParam(IrType.I64, Purpose: ArgumentPurpose.VMContext));
        foreach (var p in type.Params) sig.Params.Add(new AbiParam(IrTypeOf(p)));
        foreach (var r in type.Results) sig.Returns.Add(new AbiParam(IrTypeOf(r)));
        return sig;
    }

    /// <summary>The array-call trampoline's signature: <c>(i64 calleeVmctx, i64 code, i64 values)</c>.</summary>
    public static Signature ArrayTrampoline()
    {
        var sig = new Signature(CallConv.SystemV);
        for (int i = 0; i < 3; i++) sig.Params.Add(new AbiParam(IrType.I64));
        return sig;
    }

    /// <summary>A builtin's C signature, as <see cref="WasmBuiltin"/> documents it.</summary>
    public static Signature Builtin(WasmBuiltin builtin)
    {
        var (parameters, result) = BuiltinShape(builtin);
        var sig = new Signature(CallConv.SystemV);
        sig.Params.Add(new AbiParam(IrType.I64));
        foreach (var p in parameters) sig.Params.Add(new AbiParam(p));
        if (result is { } r) sig.Returns.Add(new AbiParam(r));
        return sig;
    }

    /// <summary>The parameters after the vmctx and the result of each builtin: the one place the translator spells them.</summary>
    private static (IrType[] Params, IrType? Result) BuiltinShape(WasmBuiltin builtin)
    {
        var i32 = IrType.I32;
        var i64 = IrType.I64;
        return builtin switch
        {
            WasmBuiltin.Trap => ([i32], null),
            WasmBuiltin.MemoryGrow => ([i32], i32),
            WasmBuiltin.MemoryFill => ([i32, i32, i32], i32),
            WasmBuiltin.MemoryCopy => ([i32, i32, i32], i32),
            WasmBuiltin.MemoryInit => ([i32, i32, i32, i32], i32),
            WasmBuiltin.DataDrop => ([i32], null),
            WasmBuiltin.TableGrow => ([i32, i32, i64], i32),
            WasmBuiltin.TableFill => ([i32, i32, i64, i32], i32),
            WasmBuiltin.TableCopy => ([i32, i32, i32, i32, i32], i32),
            WasmBuiltin.TableInit => ([i32, i32, i32, i32, i32], i32),
            WasmBuiltin.ElemDrop => ([i32], null),
            WasmBuiltin.HostCall => ([i32, i64], i32),
            _ => throw new ArgumentOutOfRangeException(nameof(builtin), builtin, "unknown builtin"),
        };
    }
}
