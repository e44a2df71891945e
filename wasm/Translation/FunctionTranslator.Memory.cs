using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Instructions;

namespace Stencil.Wasm.Translation;

/// <summary>
/// Linear memory with explicit bounds checks: base and length are loaded from the vmctx at every access (the memory
/// may move at any call), and an access traps unless <c>zext(index) + offset + size &lt;= length</c>, computed in 64 bits
/// where it cannot overflow. The access itself then cannot fault, so it is marked <c>notrap</c>.
/// </summary>
internal sealed partial class FunctionTranslator
{
    private static readonly MemFlags HeapFlags = MemFlags.None.TrySet("notrap", out var f) && f.TrySet("little", out var g) ? g : default;

    private bool TranslateMemoryManagement(Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcodes.MemorySize:
            {
                var bytes = LoadField(IrType.I64, _vmctx, VmOffsets.MemoryLength);
                Push(Ins.Convert(Opcode.Ireduce, IrType.I32, Ins.BinaryImm(Opcode.UshrImm, bytes, 16)));
                return true;
            }
            case Opcodes.MemoryGrow: Push(CallBuiltinValue(WasmBuiltin.MemoryGrow, Pop())); return true;
            case Opcodes.MemoryFill:
            {
                var (dst, value, length) = Pop3();
                CallBuiltinChecked(WasmBuiltin.MemoryFill, dst, value, length);
                return true;
            }
            case Opcodes.MemoryCopy:
            {
                var (dst, src, length) = Pop3();
                CallBuiltinChecked(WasmBuiltin.MemoryCopy, dst, src, length);
                return true;
            }
            case Opcodes.MemoryInit:
            {
                var (dst, src, length) = Pop3();
                CallBuiltinChecked(WasmBuiltin.MemoryInit, I32(ins.A), dst, src, length);
                return true;
            }
            case Opcodes.DataDrop:
                CallBuiltin(WasmBuiltin.DataDrop, I32(ins.A));
                return true;
            default: return false;
        }
    }

    private void TranslateLoad(Instruction ins, WasmOperator op)
    {
        var (address, offset) = HeapAddress(Pop(), (ulong)ins.B, op.Bits / 8);
        Push(Ins.BuildValue(new InstructionData(op.IrOp, address) { ControllingType = op.To, Flags = HeapFlags, Offset = offset }));
    }

    private void TranslateStore(Instruction ins, WasmOperator op)
    {
        var value = Pop();
        var (address, offset) = HeapAddress(Pop(), (ulong)ins.B, op.Bits / 8);
        Ins.Build(new InstructionData(op.IrOp, value, address) { Flags = HeapFlags, Offset = offset });
    }

    /// <summary>Checks the access and gives the address to use with the immediate offset of the load or store.</summary>
    private (Value Address, int Offset) HeapAddress(Value index, ulong offset, int size)
    {
        var index64 = Ins.Convert(Opcode.Uextend, IrType.I64, index);
        var length = LoadField(IrType.I64, _vmctx, VmOffsets.MemoryLength);
        var end = Ins.IaddImm(index64, (long)(offset + (ulong)size));
        TrapIf(Ins.Icmp(IntCC.UnsignedGreaterThan, end, length), WasmTrapKind.MemoryOutOfBounds);
        var address = Ins.Iadd(LoadField(IrType.I64, _vmctx, VmOffsets.MemoryBase), index64);
        if (offset <= int.MaxValue) return (address, (int)offset);
        return (Ins.IaddImm(address, (long)offset), 0);
    }
}
