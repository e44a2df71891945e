using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

/// <summary>Builds small IR functions with the cursor API and compiles them for x86-64.</summary>
internal static class TestIr
{
    public static TargetIsa Isa { get; } = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default);

    public static Signature Sig(IrType[] ps, IrType[] rs, CallConv cc = CallConv.SystemV)
    {
        var sig = new Signature(cc);
        foreach (var p in ps) sig.Params.Add(new AbiParam(p));
        foreach (var r in rs) sig.Returns.Add(new AbiParam(r));
        return sig;
    }

    /// <summary>A function with an entry block whose parameters match the signature; the cursor sits in it.</summary>
    public static Function Func(IrType[] ps, IrType[] rs, out FuncCursor cursor, out Value[] args)
    {
        var f = new Function(Stencil.Ir.Names.UserFuncName.FromTestcase("t"), Sig(ps, rs));
        cursor = new FuncCursor(f);
        var entry = cursor.InsertBlock();
        args = ps.Select(t => f.Dfg.AppendBlockParam(entry, t)).ToArray();
        return f;
    }

    public static CompiledFunction Compile(Function f) => Isa.Compile(f.Stencil);

    /// <summary>A two-argument i64 function computing <paramref name="body"/>, compiled and ready to call.</summary>
    public static JitImage Binary64(Func<InstBuilder, Value, Value, Value> body)
    {
        var f = Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        c.Ins().Return(body(c.Ins(), a[0], a[1]));
        return new JitImage(Compile(f));
    }

    /// <summary>A load-format instruction (uload8, sload32, ...) the builder has no helper for.</summary>
    public static Value LoadOp(FuncCursor c, Opcode op, IrType type, Value addr, int offset, MemFlags flags = default) =>
        c.Func.Dfg.FirstResult(c.Insert(new InstructionData(op, addr) { ControllingType = type, Offset = offset, Flags = flags }));

    public static Value Ret64(InstBuilder b, Value v, IrType from) =>
        from == IrType.I64 ? v : b.Convert(Opcode.Uextend, IrType.I64, v);
}
