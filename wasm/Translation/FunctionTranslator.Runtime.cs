using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Wasm.Abi;

namespace Stencil.Wasm.Translation;

/// <summary>The runtime-facing half (Wasmtime's <c>func_environ</c>): vmctx fields, globals, builtins and traps.</summary>
internal sealed partial class FunctionTranslator
{
    /// <summary>Fields of the vmctx and of runtime records: never trap (the pointers are the runtime's), always aligned.</summary>
    private static readonly MemFlags VmFlags = MemFlags.Trusted;

    private readonly Dictionary<WasmTrapKind, Block> _trapBlocks = [];
    private Block? _statusTrapBlock;
    private readonly Dictionary<WasmBuiltin, SigRef> _builtinSignatures = [];

    private Value LoadField(IrType type, Value pointer, int offset) => Ins.Load(type, VmFlags, pointer, offset);

    /// <summary>Traps with "call stack exhausted" when the stack pointer is below the store's limit.</summary>
    private void CheckStack()
    {
        var sp = Ins.BuildValue(new InstructionData(Opcode.GetStackPointer) { ControllingType = IrType.I64 });
        var store = LoadField(IrType.I64, _vmctx, VmOffsets.Store);
        var limit = LoadField(IrType.I64, store, VmStore.StackLimit);
        TrapIf(Ins.Icmp(IntCC.UnsignedLessThan, sp, limit), WasmTrapKind.CallStackExhausted);
    }

    /// <summary>Branches to the function's trap block for <paramref name="kind"/> when <paramref name="condition"/> is non-zero.</summary>
    private void TrapIf(Value condition, WasmTrapKind kind)
    {
        var next = _b.CreateBlock();
        _b.Brif(condition, TrapBlock(kind), [], next, []);
        _b.SwitchToBlock(next);
        _b.SealBlock(next);
    }

    /// <summary>Traps with the status a builtin returned unless it is 0.</summary>
    private void TrapIfStatus(Value status)
    {
        _statusTrapBlock ??= CreateBlockWithParams([IrType.I32]);
        var next = _b.CreateBlock();
        _b.Brif(status, _statusTrapBlock.Value, [status], next, []);
        _b.SwitchToBlock(next);
        _b.SealBlock(next);
    }

    private Block TrapBlock(WasmTrapKind kind)
    {
        if (!_trapBlocks.TryGetValue(kind, out var block)) _trapBlocks[kind] = block = _b.CreateBlock();
        return block;
    }

    /// <summary>Each trap block calls the Trap builtin, which never returns; they go last, out of the hot path.</summary>
    private void FillTrapBlocks()
    {
        foreach (var (kind, block) in _trapBlocks.OrderBy(t => t.Value.Index))
        {
            _b.SwitchToBlock(block);
            CallTrap(Ins.Iconst(IrType.I32, (long)kind));
        }
        if (_statusTrapBlock is { } statusBlock)
        {
            _b.SwitchToBlock(statusBlock);
            CallTrap(_b.BlockParams(statusBlock)[0]);
        }
    }

    private void CallTrap(Value kind)
    {
        CallBuiltin(WasmBuiltin.Trap, kind);
        // Never reached: the builtin unwinds to the entry. A terminator is still needed.
        _b.Trap(TrapCode.Unreachable);
    }

    /// <summary>Calls a runtime routine through the builtins table with the vmctx first.</summary>
    private Inst CallBuiltin(WasmBuiltin builtin, params Value[] args)
    {
        if (!_builtinSignatures.TryGetValue(builtin, out var sig))
            _builtinSignatures[builtin] = sig = _b.ImportSignature(WasmSignatures.Builtin(builtin));
        return BuiltinCalls.Emit(_b, _vmctx, sig, builtin, args);
    }

    private Value CallBuiltinValue(WasmBuiltin builtin, params Value[] args) => _func.Dfg.FirstResult(CallBuiltin(builtin, args));

    private void CallBuiltinChecked(WasmBuiltin builtin, params Value[] args) => TrapIfStatus(CallBuiltinValue(builtin, args));

    private Value I32(long value) => Ins.Iconst(IrType.I32, value);

    /// <summary>Where global <paramref name="index"/> lives: its vmctx slot, or the exporter's cell an imported global's slot points to.</summary>
    private (Value Pointer, int Offset) GlobalCell(uint index)
    {
        int slot = _env.Offsets.Global(index);
        return _env.Offsets.IsGlobalImported(index) ? (LoadField(IrType.I64, _vmctx, slot), 0) : (_vmctx, slot);
    }

    private Value GlobalGet(uint index)
    {
        var type = WasmSignatures.IrTypeOf(_env.Module.GlobalTypeOf(index).Type);
        var (pointer, offset) = GlobalCell(index);
        return LoadField(type, pointer, offset);
    }

    private void GlobalSet(uint index, Value value)
    {
        var (pointer, offset) = GlobalCell(index);
        Ins.Store(VmFlags, value, pointer, offset);
    }
}
