using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Keys;
using Stencil.Ir.Names;

namespace Stencil.Ir.Tests.Keys;

[TestClass]
public sealed class StencilKeyTests
{
    private static readonly KeyContext Ctx = new("x86_64-unknown-linux-gnu", [KeyValuePair.Create("opt_level", "none")], "build-1");

    /// <summary>sum(n) with a loop and a call to <paramref name="callee"/>; knobs vary one thing at a time.</summary>
    private static Function MakeLoop(string name = "sum", string callee = "helper", long step = 1, int junkValuesFirst = 0,
        bool deadInst = false, uint srcBase = 0, IrType? type = null)
    {
        var ty = type ?? IrType.I64;
        var sig = new Signature(); sig.Params.Add(new AbiParam(ty)); sig.Returns.Add(new AbiParam(ty));
        var f = new Function(UserFuncName.FromUser(UserExternalName.FromSymbol(name)), sig);
        for (int i = 0; i < junkValuesFirst; i++) f.Dfg.MakeDetachedValue();
        var calleeSig = new Signature(); calleeSig.Params.Add(new AbiParam(ty)); calleeSig.Returns.Add(new AbiParam(ty));
        var fn = f.ImportUserFunction(UserExternalName.FromSymbol(callee), calleeSig);
        var c = new FuncCursor(f);
        var entry = c.InsertBlock();
        var n = f.Dfg.AppendBlockParam(entry, ty);
        var zero = c.Ins().Iconst(ty, 0);
        if (deadInst) c.Ins().Iadd(zero, zero);
        var head = f.Dfg.MakeBlock();
        var exit = f.Dfg.MakeBlock();
        var i0 = f.Dfg.AppendBlockParam(head, ty);
        var acc = f.Dfg.AppendBlockParam(head, ty);
        var jump = c.Ins().Jump(head, zero, zero);
        f.SetSrcLoc(jump, new SourceLoc(srcBase + 10));
        c.AtBottom(head);
        var done = c.Ins().Icmp(IntCC.SignedGreaterThanOrEqual, i0, n);
        var r = f.Dfg.AppendBlockParam(exit, ty);
        c.Ins().Brif(done, exit, [acc], f.Dfg.MakeBlock() is var body ? body : default, []);
        c.AtBottom(body);
        var call = c.Ins().Call(fn, i0);
        var acc2 = c.Ins().Iadd(acc, f.Dfg.FirstResult(call));
        f.SetSrcLoc(call, new SourceLoc(srcBase + 12));
        var i1 = c.Ins().IaddImm(i0, step);
        c.Ins().Jump(head, i1, acc2);
        c.AtBottom(exit);
        c.Ins().Return(r);
        return f;
    }

    private static CacheKey Key(Function f, KeyContext? ctx = null) => StencilEncoder.ComputeKey(f.Stencil, ctx ?? Ctx);

    [TestMethod]
    public void SameFunctionGivesSameKey() => Assert.AreEqual(Key(MakeLoop()), Key(MakeLoop()));

    [TestMethod]
    public void NamesNumberingDeadCodeAndPositionDoNotChangeTheKey()
    {
        var baseline = Key(MakeLoop());
        Assert.AreEqual(baseline, Key(MakeLoop(name: "renamed")), "function name");
        Assert.AreEqual(baseline, Key(MakeLoop(callee: "other_callee")), "callee name");
        Assert.AreEqual(baseline, Key(MakeLoop(junkValuesFirst: 7)), "value numbering");
        Assert.AreEqual(baseline, Key(MakeLoop(deadInst: true)), "dead instruction");
        Assert.AreEqual(baseline, Key(MakeLoop(srcBase: 5000)), "position in file");
    }

    [TestMethod]
    public void AnythingThatChangesCodeChangesTheKey()
    {
        var baseline = Key(MakeLoop());
        Assert.AreNotEqual(baseline, Key(MakeLoop(step: 2)), "immediate");
        Assert.AreNotEqual(baseline, Key(MakeLoop(type: IrType.I32)), "type");
        Assert.AreNotEqual(baseline, Key(MakeLoop(), Ctx with { Triple = "aarch64-unknown-linux-gnu" }), "target");
        Assert.AreNotEqual(baseline, Key(MakeLoop(), Ctx with { Flags = [KeyValuePair.Create("opt_level", "speed")] }), "flags");
        Assert.AreNotEqual(baseline, Key(MakeLoop(), Ctx with { CompilerBuildId = "build-2" }), "compiler build");
    }

    [TestMethod]
    public void RelativeSourceLocationsAreInTheKey()
    {
        var a = MakeLoop();
        var b = MakeLoop();
        var firstCall = b.Layout.Insts().First(i => b.Dfg[i].Opcode == Opcode.Call);
        b.SetSrcLoc(firstCall, new SourceLoc(99));
        Assert.AreNotEqual(Key(a), Key(b));
    }

    [TestMethod]
    public void KeyTextRoundTrips()
    {
        var k = Key(MakeLoop());
        Assert.IsTrue(CacheKey.TryParse(k.ToString(), out var parsed));
        Assert.AreEqual(k, parsed);
        Assert.AreEqual(64, k.ToString().Length);
        Assert.IsFalse(CacheKey.TryParse("xyz", out _));
    }

    [TestMethod]
    public void DeadCodeEliminationRemovesExactlyWhatTheKeyIgnores()
    {
        var f = MakeLoop(deadInst: true);
        var before = Key(f);
        int removed = DeadCodeElimination.Run(f.Stencil);
        Assert.AreEqual(1, removed);
        Assert.AreEqual(before, Key(f));
        Assert.AreEqual(Key(MakeLoop()), Key(f));
    }
}
