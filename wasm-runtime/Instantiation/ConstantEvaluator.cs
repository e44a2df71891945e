using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime.Instantiation;

/// <summary>Evaluates a validated constant expression (constants, <c>ref.null</c>, <c>ref.func</c>, <c>global.get</c>,
/// and the extended-const <c>add</c>/<c>sub</c>/<c>mul</c>) to its slot bits.</summary>
internal static class ConstantEvaluator
{
    public static ulong Evaluate(ConstantExpression expression, Instance instance)
    {
        var stack = new Stack<ulong>();
        foreach (var i in expression.Instructions())
        {
            switch (i.Opcode)
            {
                case Opcodes.I32Const: stack.Push((uint)i.A); break;
                case Opcodes.I64Const: stack.Push((ulong)i.A); break;
                case Opcodes.F32Const: stack.Push((uint)i.A); break;
                case Opcodes.F64Const: stack.Push((ulong)i.A); break;
                case Opcodes.RefNull: stack.Push(0); break;
                case Opcodes.RefFunc: stack.Push((ulong)instance.FuncRefAddress((uint)i.A)); break;
                case Opcodes.GlobalGet: stack.Push(instance.ReadGlobal((uint)i.A)); break;
                case Opcodes.I32Add: Binary(stack, (a, b) => (uint)(a + b)); break;
                case Opcodes.I32Sub: Binary(stack, (a, b) => (uint)(a - b)); break;
                case Opcodes.I32Mul: Binary(stack, (a, b) => (uint)(a * b)); break;
                case Opcodes.I64Add: Binary(stack, (a, b) => a + b); break;
                case Opcodes.I64Sub: Binary(stack, (a, b) => a - b); break;
                case Opcodes.I64Mul: Binary(stack, (a, b) => a * b); break;
                case Opcodes.End: return stack.Pop();
                default: throw new InvalidOperationException($"opcode 0x{i.Opcode:X} in a constant expression passed validation");
            }
        }
        throw new InvalidOperationException("a constant expression without end passed validation");
    }

    private static void Binary(Stack<ulong> stack, Func<ulong, ulong, ulong> op)
    {
        var b = stack.Pop();
        var a = stack.Pop();
        stack.Push(op(a, b));
    }
}
