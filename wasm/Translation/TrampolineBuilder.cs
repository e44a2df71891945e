using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Frontend;
using Stencil.Ir.Names;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>
/// The two kinds of glue between the host and wasm code (see <see cref="WasmSymbols"/>): the array-call trampoline per
/// type, through which the runtime enters wasm with arguments and results in a buffer of 8-byte slots, and the
/// trampoline per imported function, which makes a host import callable with the wasm signature.
/// </summary>
internal static class TrampolineBuilder
{
    private static readonly MemFlags SlotFlags = MemFlags.Trusted;

    /// <summary><c>__array&lt;t&gt;(calleeVmctx, code, values)</c>: loads the arguments, calls <c>code</c>, stores the results.</summary>
    public static Function Array(ModuleEnvironment env, uint typeIndex, FunctionBuilderContext context)
    {
        var type = env.Module.Types[(int)typeIndex];
        var func = new Function(UserFuncName.FromUser(UserExternalName.FromSymbol(env.Symbols.ArrayTrampoline(typeIndex))), WasmSignatures.ArrayTrampoline());
        var b = new FunctionBuilder(func, context);
        var entry = b.CreateBlock();
        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var (vmctx, code, values) = (b.BlockParams(entry)[0], b.BlockParams(entry)[1], b.BlockParams(entry)[2]);
        var args = new List<Value> { vmctx };
        for (int i = 0; i < type.Params.Length; i++) args.Add(b.Ins().Load(WasmSignatures.IrTypeOf(type.Params[i]), SlotFlags, values, 8 * i));
        var call = b.Ins().CallIndirect(b.ImportSignature(env.TypeSignature(typeIndex)), code, [.. args]);
        var results = func.Dfg.InstResults(call);
        for (int i = 0; i < results.Count; i++) b.Ins().Store(SlotFlags, results[i], values, 8 * i);
        b.Return();
        b.Finalize();
        return func;
    }

    /// <summary>
    /// <c>__import&lt;i&gt;(vmctx, params...)</c>: spills the arguments to a buffer on its stack, calls the HostCall
    /// builtin with the import's index, traps with the status it returns unless 0, and returns the results the host left
    /// in the buffer.
    /// </summary>
    public static Function Host(ModuleEnvironment env, uint funcIndex, FunctionBuilderContext context)
    {
        var type = env.FunctionType(funcIndex);
        var func = new Function(UserFuncName.FromUser(UserExternalName.FromSymbol(env.Symbols.HostTrampoline(funcIndex))),
            env.TypeSignature(env.Module.FunctionTypeIndex(funcIndex)));
        var b = new FunctionBuilder(func, context);
        var entry = b.CreateBlock();
        b.AppendBlockParamsForFunctionParams(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var parameters = b.BlockParams(entry);
        var vmctx = parameters[0];
        int slots = Math.Max(1, Math.Max(type.Params.Length, type.Results.Length));
        var buffer = b.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, (uint)(8 * slots), 3));
        for (int i = 0; i < type.Params.Length; i++) b.Ins().StackStore(parameters[i + 1], buffer, 8 * i);
        var address = b.Ins().StackAddr(IrType.I64, buffer, 0);
        var status = CallBuiltin(b, vmctx, WasmBuiltin.HostCall, b.Ins().Iconst(IrType.I32, funcIndex), address);

        var trap = b.CreateBlock();
        var ok = b.CreateBlock();
        b.Brif(func.Dfg.FirstResult(status), trap, [], ok, []);
        b.SealBlock(trap);
        b.SealBlock(ok);
        b.SwitchToBlock(ok);
        var results = new Value[type.Results.Length];
        for (int i = 0; i < results.Length; i++) results[i] = b.Ins().StackLoad(WasmSignatures.IrTypeOf(type.Results[i]), buffer, 8 * i);
        b.Return(results);
        b.SwitchToBlock(trap);
        CallBuiltin(b, vmctx, WasmBuiltin.Trap, func.Dfg.FirstResult(status));
        b.Trap(TrapCode.Unreachable);
        b.Finalize();
        return func;
    }

    private static Inst CallBuiltin(FunctionBuilder b, Value vmctx, WasmBuiltin builtin, params Value[] args) =>
        BuiltinCalls.Emit(b, vmctx, b.ImportSignature(WasmSignatures.Builtin(builtin)), builtin, args);
}
