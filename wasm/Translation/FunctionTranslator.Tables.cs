using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Instructions;

namespace Stencil.Wasm.Translation;

/// <summary>Tables: element access inline and bounds-checked; growing, filling, copying and initializing through builtins.</summary>
internal sealed partial class FunctionTranslator
{
    private bool TranslateTable(Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcodes.TableGet:
            {
                var index = Pop();
                Push(LoadElement(TablePointer((uint)ins.A), index, WasmTrapKind.TableOutOfBounds));
                return true;
            }
            case Opcodes.TableSet:
            {
                var value = Pop();
                var index = Pop();
                var address = ElementAddress(TablePointer((uint)ins.A), index, WasmTrapKind.TableOutOfBounds);
                Ins.Store(VmFlags, value, address, 0);
                return true;
            }
            case Opcodes.TableSize:
                Push(LoadField(IrType.I32, TablePointer((uint)ins.A), VmTable.Length));
                return true;
            case Opcodes.TableGrow:
            {
                var delta = Pop();
                var init = Pop();
                Push(CallBuiltinValue(WasmBuiltin.TableGrow, I32(ins.A), delta, init));
                return true;
            }
            case Opcodes.TableFill:
            {
                var (dst, value, length) = Pop3();
                CallBuiltinChecked(WasmBuiltin.TableFill, I32(ins.A), dst, value, length);
                return true;
            }
            case Opcodes.TableCopy:
            {
                var (dst, src, length) = Pop3();
                CallBuiltinChecked(WasmBuiltin.TableCopy, I32(ins.A), I32(ins.B), dst, src, length);
                return true;
            }
            case Opcodes.TableInit:
            {
                var (dst, src, length) = Pop3();
                CallBuiltinChecked(WasmBuiltin.TableInit, I32(ins.B), I32(ins.A), dst, src, length);
                return true;
            }
            case Opcodes.ElemDrop:
                CallBuiltin(WasmBuiltin.ElemDrop, I32(ins.A));
                return true;
            default: return false;
        }
    }

    private (Value, Value, Value) Pop3()
    {
        var c = Pop();
        var b = Pop();
        var a = Pop();
        return (a, b, c);
    }

    private Value TablePointer(uint table) => LoadField(IrType.I64, _vmctx, _env.Offsets.Table(table));

    /// <summary>The address of element <paramref name="index"/> (an i32) of the <see cref="VmTable"/> at <paramref name="table"/>,
    /// trapping with <paramref name="outOfBounds"/> past its length.</summary>
    private Value ElementAddress(Value table, Value index, WasmTrapKind outOfBounds)
    {
        var length = LoadField(IrType.I32, table, VmTable.Length);
        TrapIf(Ins.Icmp(IntCC.UnsignedGreaterThanOrEqual, index, length), outOfBounds);
        var elements = LoadField(IrType.I64, table, VmTable.Elements);
        var scaled = Ins.BinaryImm(Opcode.IshlImm, Ins.Convert(Opcode.Uextend, IrType.I64, index), 3);
        return Ins.Iadd(elements, scaled);
    }

    private Value LoadElement(Value table, Value index, WasmTrapKind outOfBounds) =>
        LoadField(IrType.I64, ElementAddress(table, index, outOfBounds), 0);
}
