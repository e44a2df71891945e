using Stencil.Ir.Diagnostics;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Ir.Verification;

namespace Stencil.Ir.Tests.Verifier;

/// <summary>Builders and assertions shared by the verifier tests.</summary>
internal static class VerifierTestKit
{
    public static Signature Sig(IrType[] @params, params IrType[] returns)
    {
        var s = new Signature();
        foreach (var p in @params) s.Params.Add(new AbiParam(p));
        foreach (var r in returns) s.Returns.Add(new AbiParam(r));
        return s;
    }

    public static Function NewFunction(IrType[] @params, params IrType[] returns) =>
        new(UserFuncName.FromUser(UserExternalName.FromSymbol("f")), Sig(@params, returns));

    /// <summary>A function whose entry block already has the signature's parameters, with a cursor in it.</summary>
    public static (Function F, FuncCursor C, Block Entry, IReadOnlyList<Value> Params) Start(IrType[] @params, params IrType[] returns)
    {
        var f = NewFunction(@params, returns);
        var c = new FuncCursor(f);
        var entry = c.InsertBlock();
        foreach (var p in @params) f.Dfg.AppendBlockParam(entry, p);
        return (f, c, entry, f.Dfg.BlockParams(entry));
    }

    /// <summary>Appends an instruction exactly as given, with results of exactly the given types (no derivation),
    /// which is how the malformed cases are built.</summary>
    public static Inst Raw(Function f, Block block, InstructionData data, params IrType[] results)
    {
        var inst = f.Dfg.MakeInst(data);
        f.Layout.AppendInst(inst, block);
        foreach (var t in results) f.Dfg.AppendResult(inst, t);
        return inst;
    }

    public static string[] Codes(Function f) => Stencil.Ir.Verification.Verifier.Verify(f).Select(d => d.Code).ToArray();

    public static void AssertClean(Function f)
    {
        var diags = Stencil.Ir.Verification.Verifier.Verify(f);
        Assert.AreEqual(0, diags.Count, string.Join(Environment.NewLine, diags));
        Assert.IsTrue(Stencil.Ir.Verification.Verifier.TryVerify(f, out var again));
        Assert.AreEqual(0, again.Count);
    }

    /// <summary>Asserts the exact list of codes, in order, and returns the diagnostics for message checks.</summary>
    public static IReadOnlyList<Diagnostic> AssertCodes(Function f, params string[] codes)
    {
        var diags = Stencil.Ir.Verification.Verifier.Verify(f);
        CollectionAssert.AreEqual(codes, diags.Select(d => d.Code).ToArray(), string.Join(Environment.NewLine, diags));
        Assert.IsFalse(Stencil.Ir.Verification.Verifier.TryVerify(f, out _));
        return diags;
    }

    public static void AssertMessageContains(Diagnostic d, params string[] parts)
    {
        foreach (var p in parts) StringAssert.Contains(d.Message, p, $"message was: {d.Message}");
    }

}
