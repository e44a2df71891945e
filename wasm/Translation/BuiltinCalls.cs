using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Frontend;
using Stencil.Wasm.Abi;

namespace Stencil.Wasm.Translation;

/// <summary>How generated code reaches a runtime routine: its address from slot <c>builtin</c> of the builtins table
/// the vmctx points to, called with the vmctx first (<see cref="WasmBuiltin"/>).</summary>
internal static class BuiltinCalls
{
    public static Inst Emit(FunctionBuilder b, Value vmctx, SigRef signature, WasmBuiltin builtin, Value[] args)
    {
        var table = b.Ins().Load(IrType.I64, MemFlags.Trusted, vmctx, VmOffsets.Builtins);
        var code = b.Ins().Load(IrType.I64, MemFlags.Trusted, table, 8 * (int)builtin);
        return b.Ins().CallIndirect(signature, code, [vmctx, .. args]);
    }
}
