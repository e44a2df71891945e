using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Binary;
using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;
using static Stencil.Wasm.Instructions.Opcodes;

namespace Stencil.Wasm.Validation;

/// <summary>
/// The spec's type check of one instruction sequence (its appendix algorithm): an operand stack of value types, with
/// <see cref="ValType.Unknown"/> below unreachable code, and a stack of control frames. Used for function bodies and,
/// with <see cref="ConstantMode"/>, for initializers.
/// </summary>
internal sealed class FunctionValidator
{
    private readonly WasmModule module;
    private readonly ModuleContext context;
    private readonly List<ValType> values = [];
    private readonly List<ControlFrame> controls = [];
    private ValType[] locals = [];
    private int offset;

    public FunctionValidator(WasmModule module, ModuleContext context)
    {
        this.module = module;
        this.context = context;
    }

    /// <summary>When set, only constant instructions are allowed (and global.get of imported immutable globals).</summary>
    public bool ConstantMode { get; private set; }

    public void ValidateFunction(FuncType type, ValType[] declaredLocals, IEnumerable<Instruction> body)
    {
        ConstantMode = false;
        locals = [.. type.Params, .. declaredLocals];
        Run(type.Results, body);
    }

    /// <summary>An initializer; it may read only imported immutable globals (Wasm 2.0).</summary>
    public void ValidateConstant(ValType expected, ConstantExpression expression)
    {
        ConstantMode = true;
        locals = [];
        Run([expected], expression.Instructions());
    }

    private void Run(ValType[] results, IEnumerable<Instruction> body)
    {
        values.Clear();
        controls.Clear();
        PushControl(Block, [], results);
        foreach (var instruction in body)
        {
            offset = instruction.Offset;
            if (controls.Count == 0) throw Invalid("unexpected instruction after the function's end");
            Step(instruction);
        }
        if (controls.Count != 0) throw Invalid("END opcode expected");
    }

    private DiagnosticException Invalid(string what) => WasmError.Invalid(module.File, offset, what);

    private void Push(ValType type) => values.Add(type);

    private void Push(ValType[] types)
    {
        foreach (var t in types) values.Add(t);
    }

    private ValType Pop()
    {
        var frame = controls[^1];
        if (values.Count == frame.Height)
        {
            if (frame.Unreachable) return ValType.Unknown;
            throw Invalid("type mismatch");
        }
        var v = values[^1];
        values.RemoveAt(values.Count - 1);
        return v;
    }

    private ValType Pop(ValType expected)
    {
        var actual = Pop();
        if (actual != expected && actual != ValType.Unknown && expected != ValType.Unknown) throw Invalid("type mismatch");
        return actual;
    }

    private void Pop(ValType[] expected)
    {
        for (int i = expected.Length - 1; i >= 0; i--) Pop(expected[i]);
    }

    private void PushControl(ushort opcode, ValType[] start, ValType[] end)
    {
        if (controls.Count >= WasmLimits.NestingDepth) throw WasmError.Limit(module.File, offset, "control nesting too deep");
        controls.Add(new ControlFrame(opcode, start, end, values.Count));
        Push(start);
    }

    private ControlFrame PopControl()
    {
        if (controls.Count == 0) throw Invalid("type mismatch");
        var frame = controls[^1];
        Pop(frame.EndTypes);
        if (values.Count != frame.Height) throw Invalid("type mismatch");
        controls.RemoveAt(controls.Count - 1);
        return frame;
    }

    private void SetUnreachable()
    {
        var frame = controls[^1];
        values.RemoveRange(frame.Height, values.Count - frame.Height);
        frame.Unreachable = true;
    }

    private ControlFrame Label(long depth)
    {
        if (depth >= controls.Count) throw Invalid("unknown label");
        return controls[controls.Count - 1 - (int)depth];
    }

    private (ValType[] Params, ValType[] Results) BlockType(long encoded)
    {
        if (encoded == -64) return ([], []);
        if (encoded < 0) return ([], [(ValType)(byte)(encoded + 0x80)]);
        if (encoded >= module.Types.Count) throw Invalid("unknown type");
        var type = module.Types[(int)encoded];
        return (type.Params, type.Results);
    }

    private void RequireMemory()
    {
        if (module.MemoryCount == 0) throw Invalid("unknown memory 0");
    }

    private TableType Table(long index) =>
        index < module.TableCount ? module.TableTypeOf((uint)index) : throw Invalid($"unknown table {index}");

    private FuncType FunctionType(long index) =>
        index < module.FunctionCount ? module.Types[(int)module.FunctionTypeIndex((uint)index)] : throw Invalid($"unknown function {index}");

    private void Step(Instruction ins)
    {
        var info = ins.Info;
        if (ConstantMode && !IsConstant(ins)) throw Invalid("constant expression required");
        if (info.HasFixedSignature && info.Immediate is ImmediateKind.None or ImmediateKind.I32 or ImmediateKind.I64
            or ImmediateKind.F32 or ImmediateKind.F64)
        {
            Pop(info.Params!);
            Push(info.Results!);
            return;
        }
        switch (ins.Opcode)
        {
            case Unreachable: SetUnreachable(); return;
            case Block or Loop:
            {
                var (ps, rs) = BlockType(ins.A);
                Pop(ps);
                PushControl(ins.Opcode, ps, rs);
                return;
            }
            case If:
            {
                var (ps, rs) = BlockType(ins.A);
                Pop(ValType.I32);
                Pop(ps);
                PushControl(If, ps, rs);
                return;
            }
            case Else:
            {
                if (controls[^1].Opcode != If) throw Invalid("else without if");
                var frame = PopControl();
                PushControl(Else, frame.StartTypes, frame.EndTypes);
                return;
            }
            case End:
            {
                var frame = PopControl();
                // An if without else passes its parameters through the missing branch, so they must equal its results.
                if (frame.Opcode == If && !frame.StartTypes.AsSpan().SequenceEqual(frame.EndTypes)) throw Invalid("type mismatch");
                Push(frame.EndTypes);
                return;
            }
            case Br:
                Pop(Label(ins.A).LabelTypes);
                SetUnreachable();
                return;
            case BrIf:
            {
                Pop(ValType.I32);
                var types = Label(ins.A).LabelTypes;
                Pop(types);
                Push(types);
                return;
            }
            case BrTable:
            {
                Pop(ValType.I32);
                int arity = Label(ins.A).LabelTypes.Length;
                foreach (var target in ins.Targets!)
                {
                    var types = Label(target).LabelTypes;
                    if (types.Length != arity) throw Invalid("type mismatch");
                    // Each target checks the operands without consuming them.
                    var popped = new ValType[arity];
                    for (int i = arity - 1; i >= 0; i--) popped[i] = Pop(types[i]);
                    Push(popped);
                }
                Pop(Label(ins.A).LabelTypes);
                SetUnreachable();
                return;
            }
            case Return:
                Pop(controls[0].EndTypes);
                SetUnreachable();
                return;
            case Call:
            {
                var type = FunctionType(ins.A);
                Pop(type.Params);
                Push(type.Results);
                return;
            }
            case Opcodes.CallIndirect:
            {
                var table = Table(ins.B);
                if (table.ElementType != ValType.FuncRef) throw Invalid("type mismatch");
                if (ins.A >= module.Types.Count) throw Invalid("unknown type");
                var type = module.Types[(int)ins.A];
                Pop(ValType.I32);
                Pop(type.Params);
                Push(type.Results);
                return;
            }
            case Drop: Pop(); return;
            case Select:
            {
                Pop(ValType.I32);
                var a = Pop();
                var b = Pop();
                if (a.IsReference() || b.IsReference()) throw Invalid("type mismatch");
                if (a != b && a != ValType.Unknown && b != ValType.Unknown) throw Invalid("type mismatch");
                Push(a == ValType.Unknown ? b : a);
                return;
            }
            case SelectTyped:
            {
                if (ins.Types!.Length != 1) throw Invalid("invalid result arity");
                var t = ins.Types[0];
                Pop(ValType.I32);
                Pop(t);
                Pop(t);
                Push(t);
                return;
            }
            case LocalGet: Push(Local(ins.A)); return;
            case LocalSet: Pop(Local(ins.A)); return;
            case LocalTee:
            {
                var t = Local(ins.A);
                Pop(t);
                Push(t);
                return;
            }
            case GlobalGet:
            {
                if (ins.A >= (ConstantMode ? module.ImportedGlobals.Count : module.GlobalCount)) throw Invalid($"unknown global {ins.A}");
                var global = module.GlobalTypeOf((uint)ins.A);
                if (ConstantMode && global.Mutable) throw Invalid("constant expression required");
                Push(global.Type);
                return;
            }
            case GlobalSet:
            {
                if (ins.A >= module.GlobalCount) throw Invalid($"unknown global {ins.A}");
                var global = module.GlobalTypeOf((uint)ins.A);
                if (!global.Mutable) throw Invalid("global is immutable");
                Pop(global.Type);
                return;
            }
            case TableGet:
            {
                var table = Table(ins.A);
                Pop(ValType.I32);
                Push(table.ElementType);
                return;
            }
            case TableSet:
            {
                var table = Table(ins.A);
                Pop(table.ElementType);
                Pop(ValType.I32);
                return;
            }
            case MemorySize or MemoryGrow or MemoryCopy or MemoryFill:
                RequireMemory();
                Pop(info.Params!);
                Push(info.Results!);
                return;
            case Opcodes.MemoryInit:
                RequireMemory();
                RequireData(ins.A);
                Pop(info.Params!);
                return;
            case DataDrop:
                RequireData(ins.A);
                return;
            case RefNull: Push((ValType)(byte)ins.A); return;
            case RefIsNull:
            {
                var t = Pop();
                if (t != ValType.Unknown && !t.IsReference()) throw Invalid("type mismatch");
                Push(ValType.I32);
                return;
            }
            case RefFunc:
                FunctionType(ins.A);
                if (!ConstantMode && !context.IsDeclared((uint)ins.A)) throw Invalid("undeclared function reference");
                Push(ValType.FuncRef);
                return;
            case Opcodes.TableInit:
            {
                var table = Table(ins.B);
                var segment = Element(ins.A);
                if (segment.ElementType != table.ElementType) throw Invalid("type mismatch");
                Pop(info.Params!);
                return;
            }
            case ElemDrop: Element(ins.A); return;
            case Opcodes.TableCopy:
            {
                var destination = Table(ins.A);
                var source = Table(ins.B);
                if (destination.ElementType != source.ElementType) throw Invalid("type mismatch");
                Pop(info.Params!);
                return;
            }
            case TableGrow:
            {
                var table = Table(ins.A);
                Pop(ValType.I32);
                Pop(table.ElementType);
                Push(ValType.I32);
                return;
            }
            case TableSize: Table(ins.A); Push(ValType.I32); return;
            case TableFill:
            {
                var table = Table(ins.A);
                Pop(ValType.I32);
                Pop(table.ElementType);
                Pop(ValType.I32);
                return;
            }
        }
        if (info.Immediate == ImmediateKind.MemArg)
        {
            RequireMemory();
            if (ins.A >= 32 || (1L << (int)ins.A) > info.AccessBytes) throw Invalid("alignment must not be larger than natural");
            Pop(info.Params!);
            Push(info.Results!);
            return;
        }
        throw new InvalidOperationException($"opcode {info.Name} has no validation rule");
    }

    private ValType Local(long index) => index < locals.Length ? locals[index] : throw Invalid($"unknown local {index}");

    private void RequireData(long index)
    {
        if (index >= module.Data.Count) throw Invalid($"unknown data segment {index}");
    }

    private ElementSegment Element(long index) =>
        index < module.Elements.Count ? module.Elements[(int)index] : throw Invalid($"unknown elem segment {index}");

    private static bool IsConstant(Instruction ins) => ins.Opcode is I32Const or I64Const or F32Const or F64Const or RefNull
        or RefFunc or GlobalGet or End or I32Add or I32Sub or I32Mul or I64Add or I64Sub or I64Mul;
}
