using System.Runtime.InteropServices;
using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Frontend;
using Stencil.Ir.Names;
using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>
/// Translates one defined wasm function into one IR function through <see cref="FunctionBuilder"/>, as Wasmtime's
/// <c>func_translator</c> and <c>code_translator</c> do: locals are SSA variables, operands live on a value stack of
/// IR values, control structures on a stack of <see cref="ControlFrame"/>s, and code after an unconditional branch is
/// skipped up to the end of its frame. The module is validated, so operand types and depths are trusted here.
/// </summary>
internal sealed partial class FunctionTranslator
{
    private readonly ModuleEnvironment _env;
    private readonly FunctionBuilder _b;
    private readonly Function _func;
    private readonly List<Value> _stack = [];
    private readonly List<ControlFrame> _frames = [];
    private Variable[] _locals = [];
    private Value _vmctx;
    private bool _reachable = true;
    /// <summary>Control structures opened inside unreachable code (no frame is pushed for them).</summary>
    private int _unreachableDepth;

    private FunctionTranslator(ModuleEnvironment env, Function func, FunctionBuilderContext context)
    {
        _env = env;
        _func = func;
        _b = new FunctionBuilder(func, context);
    }

    public static Function Translate(ModuleEnvironment env, uint funcIndex, FunctionBuilderContext context)
    {
        var typeIndex = env.Module.FunctionTypeIndex(funcIndex);
        var body = env.Module.Bodies[(int)(funcIndex - env.Module.ImportedFunctionCount)];
        var func = new Function(UserFuncName.FromUser(UserExternalName.FromSymbol(env.Symbols.Function(funcIndex))), env.TypeSignature(typeIndex));
        // Across the benchmark modules a body byte makes 0.7 to 0.85 instructions, as many values and 0.1 to 0.15
        // blocks: tables sized from that grow at most once, where growing from empty copies each of them about ten times.
        int size = body.CodeLength;
        func.Stencil.Reserve(size * 7 / 8 + 8, size * 7 / 8 + 8, size / 8 + 4);
        var translator = new FunctionTranslator(env, func, context);
        translator.TranslateBody(env.Module.Types[(int)typeIndex], typeIndex, body);
        return func;
    }

    private void TranslateBody(FuncType type, uint typeIndex, FunctionBody body)
    {
        var entry = _b.CreateBlock();
        _b.AppendBlockParamsForFunctionParams(entry);
        _b.SwitchToBlock(entry);
        _b.SealBlock(entry);
        var parameters = _b.BlockParams(entry);
        _vmctx = parameters[0];

        var locals = body.ExpandLocals();
        _locals = new Variable[type.Params.Length + locals.Length];
        for (int i = 0; i < type.Params.Length; i++)
        {
            _locals[i] = _b.DeclareVar(WasmSignatures.IrTypeOf(type.Params[i]));
            _b.DefVar(_locals[i], parameters[i + 1]);
        }
        for (int i = 0; i < locals.Length; i++)
        {
            var t = WasmSignatures.IrTypeOf(locals[i]);
            var v = _locals[type.Params.Length + i] = _b.DeclareVar(t);
            _b.DefVar(v, Zero(t));
        }

        CheckStack();

        var exit = _b.CreateBlock();
        var results = _env.TypeResults(typeIndex);
        foreach (var r in results) _b.AppendBlockParam(exit, r);
        _frames.Add(new ControlFrame { Kind = FrameKind.Block, Destination = exit, ParamTypes = [], ResultTypes = results, StackBase = 0 });

        foreach (var ins in body.Instructions())
        {
            if (_reachable) TranslateOperator(ins);
            else TranslateUnreachableOperator(ins);
        }
        // The body's final `end` closed the function's frame: what is on the stack now is returned.
        if (_reachable) _b.Return(PopN(results.Length));

        FillTrapBlocks();
        _b.SealAllBlocks();
        _b.Finalize();
    }

    private InstBuilder Ins => _b.Ins();

    private void Push(Value v) => _stack.Add(v);

    private Value Pop()
    {
        var v = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private Value Peek() => _stack[^1];

    /// <summary>The top <paramref name="n"/> values, bottom first, removed from the stack.</summary>
    private Value[] PopN(int n)
    {
        var values = PeekN(n);
        _stack.RemoveRange(_stack.Count - n, n);
        return values;
    }

    /// <summary>The top <paramref name="n"/> values, bottom first, left on the stack.</summary>
    private Value[] PeekN(int n) => CollectionsMarshal.AsSpan(_stack).Slice(_stack.Count - n, n).ToArray();

    private void TruncateStack(int height)
    {
        if (_stack.Count > height) _stack.RemoveRange(height, _stack.Count - height);
    }

    private Value Zero(IrType t) =>
        t == IrType.F32 ? Ins.F32const(0f) : t == IrType.F64 ? Ins.F64const(0d) : Ins.Iconst(t, 0);

    private void TranslateOperator(Instruction ins)
    {
        var op = OperatorTable.Get(ins.Opcode);
        switch (op.Kind)
        {
            case OperatorKind.Special: TranslateSpecial(ins); return;
            case OperatorKind.Load: TranslateLoad(ins, op); return;
            case OperatorKind.Store: TranslateStore(ins, op); return;
            default: TranslateNumeric(op); return;
        }
    }

    private void TranslateSpecial(Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcodes.Nop: return;
            case Opcodes.Drop: Pop(); return;
            case Opcodes.Select or Opcodes.SelectTyped:
            {
                var c = Pop();
                var y = Pop();
                var x = Pop();
                Push(Ins.Select(c, x, y));
                return;
            }
            case Opcodes.LocalGet: Push(_b.UseVar(_locals[ins.A])); return;
            case Opcodes.LocalSet: _b.DefVar(_locals[ins.A], Pop()); return;
            case Opcodes.LocalTee: _b.DefVar(_locals[ins.A], Peek()); return;
            case Opcodes.GlobalGet: Push(GlobalGet((uint)ins.A)); return;
            case Opcodes.GlobalSet: GlobalSet((uint)ins.A, Pop()); return;
            case Opcodes.I32Const: Push(Ins.Iconst(IrType.I32, ins.A)); return;
            case Opcodes.I64Const: Push(Ins.Iconst(IrType.I64, ins.A)); return;
            case Opcodes.F32Const: Push(Ins.F32const(BitConverter.Int32BitsToSingle((int)ins.A))); return;
            case Opcodes.F64Const: Push(Ins.F64const(BitConverter.Int64BitsToDouble(ins.A))); return;
            case Opcodes.RefNull: Push(Ins.Iconst(IrType.I64, 0)); return;
            case Opcodes.RefIsNull: Push(Ins.Convert(Opcode.Uextend, IrType.I32, Ins.IcmpImm(IntCC.Equal, Pop(), 0))); return;
            case Opcodes.RefFunc: Push(Ins.IaddImm(_vmctx, _env.Offsets.FuncRef((uint)ins.A))); return;
        }
        if (TranslateControl(ins) || TranslateCall(ins) || TranslateMemoryManagement(ins) || TranslateTable(ins)) return;
        throw new InvalidOperationException($"no translation for opcode {ins.Info.Name} at offset 0x{ins.Offset:x}");
    }
}
