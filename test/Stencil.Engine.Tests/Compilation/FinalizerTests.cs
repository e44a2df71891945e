using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Names;

namespace Stencil.Engine.Tests.Compilation;

[TestClass]
public sealed class FinalizerTests
{
    [TestMethod]
    public void AppliesNamesAndBaseLocation()
    {
        var p = new FunctionParameters { Name = UserFuncName.FromUser(UserExternalName.FromSymbol("outer")), BaseSrcLoc = new SourceLoc(100) };
        p.EnsureUserFuncName(UserExternalName.FromSymbol("zero"));
        p.EnsureUserFuncName(UserExternalName.FromSymbol("callee"));
        var final = Finalizer.Finalize(CompiledCodeCodecTests.Sample(), p);

        Assert.AreEqual("outer", final.SymbolName);
        Assert.AreEqual("callee", final.Relocs[0].Target.SymbolName);
        Assert.AreEqual("memcmp", final.Relocs[1].Target.SymbolName);
        Assert.AreEqual(new SourceLoc(103), final.SrcLocs[1].Loc);
    }

    [TestMethod]
    public void RenamingTheCalleeOnlyChangesTheFinalName()
    {
        var stencil = CompiledCodeCodecTests.Sample();
        var p = new FunctionParameters { Name = UserFuncName.FromTestcase("f") };
        p.EnsureUserFuncName(UserExternalName.FromSymbol("zero"));
        var r = p.EnsureUserFuncName(UserExternalName.FromSymbol("callee"));
        var before = Finalizer.Finalize(stencil, p);
        p.ResetUserFuncName(r, UserExternalName.FromSymbol("renamed"));
        var after = Finalizer.Finalize(stencil, p);
        CollectionAssert.AreEqual(before.Code, after.Code);
        Assert.AreEqual("renamed", after.Relocs[0].Target.SymbolName);
    }
}
