using Stencil.Ir;

namespace Stencil.Wasm.Translation;

/// <summary>
/// What one wasm opcode becomes in the IR: its family, the IR opcode or condition, signedness, the operand and result
/// types, and for memory accesses and narrow sign extensions the width in bits.
/// </summary>
internal sealed record WasmOperator(OperatorKind Kind, Opcode IrOp = Opcode.Nop, IntCC IntCond = default, FloatCC FloatCond = default,
    bool Signed = false, IrType From = default, IrType To = default, int Bits = 0);
