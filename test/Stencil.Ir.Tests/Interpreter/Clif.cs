using Stencil.Ir.Interpretation;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Interpreter;

/// <summary>Parses CLIF text into an interpreter module and runs one of its functions.</summary>
internal static class Clif
{
    public static InterpreterResult Run(string text, string function, params DataValue[] args) => Run(text, function, null, args);

    public static InterpreterResult Run(string text, string function, InterpreterOptions? options, params DataValue[] args)
    {
        var module = new InterpreterModule();
        foreach (var f in ClifReader.ParseFile(text, "test.clif").Functions) module.Add(f.Function);
        Assert.IsTrue(module.TryGet(function, out var target), $"no function %{function}");
        return Stencil.Ir.Interpretation.Interpreter.Call(module, target, args, options);
    }

    /// <summary>Runs and expects normal completion with one result.</summary>
    public static DataValue Single(string text, string function, params DataValue[] args)
    {
        var r = Run(text, function, args);
        Assert.IsNull(r.Unsupported, r.Unsupported);
        Assert.IsNull(r.Trap, $"trapped {r.Trap}");
        Assert.HasCount(1, r.Returns);
        return r.Returns[0];
    }

    public static TrapCode? Trap(string text, string function, params DataValue[] args)
    {
        var r = Run(text, function, args);
        Assert.IsNull(r.Unsupported, r.Unsupported);
        return r.Trap;
    }

    public static DataValue I8(long v) => DataValue.Int(IrType.I8, v);
    public static DataValue I16(long v) => DataValue.Int(IrType.I16, v);
    public static DataValue I32(long v) => DataValue.Int(IrType.I32, v);
    public static DataValue I64(long v) => DataValue.Int(IrType.I64, v);
    public static DataValue I128(Int128 v) => DataValue.Int128(IrType.I128, v);
}
