using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir.Names;

namespace Stencil.Engine.Tests.Module;

[TestClass]
public sealed class ModuleDeclarationTests
{
    [TestMethod]
    public void RedeclaringANameReturnsTheSameId()
    {
        var m = new ObjectModule();
        var a = m.DeclareFunction("f", Linkage.Import);
        var b = m.DeclareFunction("g", Linkage.Export);
        Assert.AreEqual(a, m.DeclareFunction("f", Linkage.Import));
        Assert.AreNotEqual(a, b);
        Assert.AreEqual(new FuncId(0), a);
        Assert.AreEqual(new FuncId(1), b);
        var d = m.DeclareData("d", Linkage.Export, writable: true);
        Assert.AreEqual(d, m.DeclareData("d", Linkage.Import, writable: true));
        Assert.AreEqual(new DataId(0), d);
        Assert.IsTrue(m.Declarations.TryGetFunction("g", out var found));
        Assert.AreEqual(b, found);
        Assert.IsFalse(m.Declarations.TryGetFunction("d", out _));
        Assert.IsTrue(m.Declarations.TryGetData("d", out _));
    }

    [TestMethod]
    public void RedeclarationMergesLinkage()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("f", Linkage.Hidden);
        m.DeclareFunction("f", Linkage.Export);
        Assert.AreEqual(Linkage.Export, m.Declarations.GetFunction(f).Linkage);
        m.DeclareFunction("f", Linkage.Import);
        Assert.AreEqual(Linkage.Export, m.Declarations.GetFunction(f).Linkage);
    }

    [TestMethod]
    public void DefiningAnImportUpgradesItToExport()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("f", Linkage.Import);
        m.DefineFunctionBytes(f, [0xc3], 1, [], []);
        var decl = m.Declarations.GetFunction(f);
        Assert.IsTrue(decl.IsDefined);
        Assert.AreEqual(Linkage.Export, decl.Linkage);
        var d = m.DeclareData("d", Linkage.Import, writable: false);
        m.DefineData(d, [1], 1, []);
        Assert.AreEqual(Linkage.Export, m.Declarations.GetData(d).Linkage);
    }

    [TestMethod]
    public void LibCallDeclaresAnImportUnderItsCName()
    {
        var m = new ObjectModule();
        var id = m.DeclareLibCall(LibCall.CeilF64);
        var decl = m.Declarations.GetFunction(id);
        Assert.AreEqual("ceil", decl.Name);
        Assert.AreEqual(Linkage.Import, decl.Linkage);
        Assert.AreEqual(id, ((IModule)m).DeclareLibCall(LibCall.CeilF64));
    }

    [TestMethod]
    public void RelocTargetsRememberWhatTheyPointAt()
    {
        ModuleRelocTarget f = new FuncId(3), d = new DataId(4), l = LibCall.Memset, k = KnownSymbol.ElfGlobalOffsetTable;
        Assert.AreEqual(ModuleRelocTargetKind.Function, f.Kind);
        Assert.AreEqual(new FuncId(3), f.FuncId);
        Assert.AreEqual(new DataId(4), d.DataId);
        Assert.AreEqual(LibCall.Memset, l.LibCall);
        Assert.AreEqual(KnownSymbol.ElfGlobalOffsetTable, k.KnownSymbol);
        Assert.AreNotEqual(f, ModuleRelocTarget.Data(new DataId(3)), "same number, different kind");
        Assert.ThrowsExactly<InvalidOperationException>(() => f.DataId);
    }
}
