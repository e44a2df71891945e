using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>Typed helpers that build one instruction at a cursor (the subset front ends and tests use most).</summary>
public readonly struct InstBuilder(FuncCursor cursor)
{
    private Value One(InstructionData d) => cursor.Func.Dfg.FirstResult(cursor.Insert(d));

    /// <summary>Inserts any instruction (for the opcodes without a helper below); its results follow the opcode's rule.</summary>
    public Inst Build(InstructionData data) => cursor.Insert(data);

    /// <summary><see cref="Build"/> for an instruction with one result, which it returns.</summary>
    public Value BuildValue(InstructionData data) => One(data);

    /// <summary>The immediate is stored zero-extended to the type's width, as the text reader stores it, so a
    /// function built here and the same function read from text have the same key.</summary>
    public Value Iconst(IrType type, long imm) =>
        One(new InstructionData(Opcode.Iconst) { ControllingType = type, Imm = type.Bits is > 0 and < 64 ? imm & ((1L << type.Bits) - 1) : imm });
    public Value F32const(float v) => One(new InstructionData(Opcode.F32const) { Imm = BitConverter.SingleToUInt32Bits(v) });
    public Value F64const(double v) => One(new InstructionData(Opcode.F64const) { Imm = (long)BitConverter.DoubleToUInt64Bits(v) });

    public Value Binary(Opcode op, Value a, Value b) => One(new InstructionData(op, a, b));
    public Value BinaryImm(Opcode op, Value a, long imm) => One(new InstructionData(op, a) { Imm = imm });
    public Value Unary(Opcode op, Value a) => One(new InstructionData(op, a));
    public Value Convert(Opcode op, IrType to, Value a) => One(new InstructionData(op, a) { ControllingType = to });

    public Value Iadd(Value a, Value b) => Binary(Opcode.Iadd, a, b);
    public Value Isub(Value a, Value b) => Binary(Opcode.Isub, a, b);
    public Value Imul(Value a, Value b) => Binary(Opcode.Imul, a, b);
    public Value Band(Value a, Value b) => Binary(Opcode.Band, a, b);
    public Value Bor(Value a, Value b) => Binary(Opcode.Bor, a, b);
    public Value Bxor(Value a, Value b) => Binary(Opcode.Bxor, a, b);
    public Value Ishl(Value a, Value b) => Binary(Opcode.Ishl, a, b);
    public Value Ushr(Value a, Value b) => Binary(Opcode.Ushr, a, b);
    public Value Sshr(Value a, Value b) => Binary(Opcode.Sshr, a, b);
    public Value IaddImm(Value a, long imm) => BinaryImm(Opcode.IaddImm, a, imm);

    public Value Icmp(IntCC cc, Value a, Value b) => One(new InstructionData(Opcode.Icmp, a, b) { IntCond = cc });
    public Value IcmpImm(IntCC cc, Value a, long imm) => One(new InstructionData(Opcode.IcmpImm, a) { IntCond = cc, Imm = imm });
    public Value Fcmp(FloatCC cc, Value a, Value b) => One(new InstructionData(Opcode.Fcmp, a, b) { FloatCond = cc });
    public Value Select(Value c, Value x, Value y) => One(new InstructionData(Opcode.Select, c, x, y));

    public Value Load(IrType type, MemFlags flags, Value addr, int offset) => One(new InstructionData(Opcode.Load, addr) { ControllingType = type, Flags = flags, Offset = offset });
    public Inst Store(MemFlags flags, Value value, Value addr, int offset) => cursor.Insert(new InstructionData(Opcode.Store, value, addr) { Flags = flags, Offset = offset });
    public Value StackLoad(IrType type, StackSlot slot, int offset) => One(new InstructionData(Opcode.StackLoad) { ControllingType = type, StackSlot = slot, Offset = offset });
    public Inst StackStore(Value value, StackSlot slot, int offset) => cursor.Insert(new InstructionData(Opcode.StackStore, value) { StackSlot = slot, Offset = offset });
    public Value StackAddr(IrType type, StackSlot slot, int offset) => One(new InstructionData(Opcode.StackAddr) { ControllingType = type, StackSlot = slot, Offset = offset });

    public Inst Jump(Block dest, params Value[] args) => cursor.Insert(new InstructionData(Opcode.Jump) { Destinations = [new BlockCall(dest, args)] });
    public Inst Brif(Value cond, Block thenBlock, Value[] thenArgs, Block elseBlock, Value[] elseArgs) =>
        cursor.Insert(new InstructionData(Opcode.Brif, cond) { Destinations = [new BlockCall(thenBlock, thenArgs), new BlockCall(elseBlock, elseArgs)] });
    public Inst BrTable(Value index, JumpTable table) => cursor.Insert(new InstructionData(Opcode.BrTable, index) { JumpTable = table });
    public Inst Return(params Value[] values) => cursor.Insert(new InstructionData(Opcode.Return, values));
    public Inst Trap(TrapCode code) => cursor.Insert(new InstructionData(Opcode.Trap) { Trap = code });
    public Inst Trapz(Value cond, TrapCode code) => cursor.Insert(new InstructionData(Opcode.Trapz, cond) { Trap = code });
    public Inst Trapnz(Value cond, TrapCode code) => cursor.Insert(new InstructionData(Opcode.Trapnz, cond) { Trap = code });

    public Inst Call(FuncRef callee, params Value[] args) => cursor.Insert(new InstructionData(Opcode.Call, args) { FuncRef = callee });
    public Inst CallIndirect(SigRef sig, Value callee, params Value[] args) => cursor.Insert(new InstructionData(Opcode.CallIndirect, [callee, .. args]) { SigRef = sig });
    public Value FuncAddr(IrType type, FuncRef callee) => One(new InstructionData(Opcode.FuncAddr) { ControllingType = type, FuncRef = callee });
}
