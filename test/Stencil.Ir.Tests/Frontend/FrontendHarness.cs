using Stencil.Ir.Frontend;
using Stencil.Ir.Interpretation;
using Stencil.Ir.Names;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Ir.Tests.Frontend;

/// <summary>Creates functions for the builder tests and checks, prints and runs what was built.</summary>
internal static class FrontendHarness
{
    public static Function NewFunction(string name, IrType[] parameters, IrType[] returns)
    {
        var sig = new Signature(CallConv.SystemV);
        foreach (var p in parameters) sig.Params.Add(new AbiParam(p));
        foreach (var r in returns) sig.Returns.Add(new AbiParam(r));
        return new Function(UserFuncName.FromTestcase(name), sig);
    }

    /// <summary>Verifies with no diagnostics, prints the text to the test output and returns it.</summary>
    public static string VerifyAndPrint(Function func)
    {
        var text = ClifWriter.Write(func);
        Console.WriteLine(text);
        var diags = Stencil.Ir.Verification.Verifier.Verify(func);
        Assert.IsEmpty(diags, string.Join(Environment.NewLine, diags) + Environment.NewLine + text);
        return text;
    }

    public static DataValue RunSingle(Function func, params DataValue[] args)
    {
        var module = new InterpreterModule();
        module.Add(func);
        var r = Stencil.Ir.Interpretation.Interpreter.Call(module, func, args);
        Assert.IsNull(r.Unsupported, r.Unsupported);
        Assert.IsNull(r.Trap, $"trapped {r.Trap}");
        Assert.HasCount(1, r.Returns);
        return r.Returns[0];
    }

    public static DataValue I64(long v) => DataValue.Int(IrType.I64, v);
}
