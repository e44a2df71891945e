using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Instructions;

namespace Stencil.Wasm.Translation;

internal sealed partial class FunctionTranslator
{
    private readonly Dictionary<uint, FuncRef> _callees = [];
    private readonly Dictionary<uint, SigRef> _typeSignatures = [];

    private bool TranslateCall(Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcodes.Call: Call((uint)ins.A); return true;
            case Opcodes.CallIndirect: CallIndirect((uint)ins.A, (uint)ins.B); return true;
            default: return false;
        }
    }

    private SigRef TypeSignature(uint typeIndex)
    {
        if (!_typeSignatures.TryGetValue(typeIndex, out var sig))
            _typeSignatures[typeIndex] = sig = _b.ImportSignature(_env.TypeSignature(typeIndex));
        return sig;
    }

    private void Call(uint funcIndex)
    {
        var type = _env.FunctionType(funcIndex);
        var args = PopN(type.Params.Length);
        Inst call;
        if (_env.IsImportedFunction(funcIndex))
        {
            // The import's slot holds the code and the vmctx to pass (the exporter's, or ours for a host import's trampoline).
            int slot = _env.Offsets.ImportedFunction(funcIndex);
            var code = LoadField(IrType.I64, _vmctx, slot + VmImport.Code);
            var calleeVmctx = LoadField(IrType.I64, _vmctx, slot + VmImport.Vmctx);
            call = Ins.CallIndirect(TypeSignature(_env.Module.FunctionTypeIndex(funcIndex)), code, [calleeVmctx, .. args]);
        }
        else
        {
            if (!_callees.TryGetValue(funcIndex, out var callee))
                _callees[funcIndex] = callee = _func.ImportUserFunction(UserExternalName.FromSymbol(_env.Symbols.Function(funcIndex)),
                    _env.TypeSignature(_env.Module.FunctionTypeIndex(funcIndex)), colocated: true);
            call = Ins.Call(callee, [_vmctx, .. args]);
        }
        _stack.AddRange(_func.Dfg.InstResultSpan(call));
    }

    private void CallIndirect(uint typeIndex, uint tableIndex)
    {
        var index = Pop();
        var args = PopN(_env.Module.Types[(int)typeIndex].Params.Length);
        var table = LoadField(IrType.I64, _vmctx, _env.Offsets.Table(tableIndex));
        var funcRef = LoadElement(table, index, WasmTrapKind.UndefinedElement);
        TrapIf(Ins.IcmpImm(IntCC.Equal, funcRef, 0), WasmTrapKind.UninitializedElement);
        var actual = LoadField(IrType.I32, funcRef, VmFuncRef.TypeId);
        var expected = LoadField(IrType.I32, _vmctx, _env.Offsets.TypeId(typeIndex));
        TrapIf(Ins.Icmp(IntCC.NotEqual, actual, expected), WasmTrapKind.IndirectCallTypeMismatch);
        var code = LoadField(IrType.I64, funcRef, VmFuncRef.Code);
        var calleeVmctx = LoadField(IrType.I64, funcRef, VmFuncRef.Vmctx);
        var call = Ins.CallIndirect(TypeSignature(typeIndex), code, [calleeVmctx, .. args]);
        _stack.AddRange(_func.Dfg.InstResultSpan(call));
    }
}
