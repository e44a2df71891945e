using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir;
using Stencil.Isa;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Module;

/// <summary>Every misuse is a <see cref="ModuleException"/> with code STN4007 and a message naming the culprit.</summary>
[TestClass]
public sealed class ModuleMisuseTests
{
    private static ModuleException Fails(Action action, string mentions)
    {
        var e = Assert.ThrowsExactly<ModuleException>(action);
        Assert.AreEqual("STN4007", e.Diagnostic.Code);
        Assert.Contains(mentions, e.Message);
        return e;
    }

    [TestMethod]
    public void DefiningAFunctionTwiceIsAClearError()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("twice_defined", Linkage.Export);
        m.DefineFunctionBytes(f, [0xc3], 1, [], []);
        var e = Fails(() => m.DefineFunctionBytes(f, [0xc3], 1, [], []), "`twice_defined` is defined twice");
        Assert.AreEqual("error STN4007: function `twice_defined` is defined twice; every function may be defined only once per module", e.Diagnostic.ToString());
    }

    [TestMethod]
    public void DefiningDataTwiceIsAClearError()
    {
        var m = new ObjectModule();
        var d = m.DeclareData("blob", Linkage.Export, writable: false);
        m.DefineData(d, [1, 2], 1, []);
        Fails(() => m.DefineData(d, [1, 2], 1, []), "`blob` is defined twice");
    }

    [TestMethod]
    public void ANameIsEitherFunctionOrData()
    {
        var m = new ObjectModule();
        m.DeclareFunction("thing", Linkage.Import);
        Fails(() => m.DeclareData("thing", Linkage.Import, writable: false), "declared as a function");
        m.DeclareData("blob", Linkage.Import, writable: false);
        Fails(() => m.DeclareFunction("blob", Linkage.Import), "declared as data");
    }

    [TestMethod]
    public void LocalAndVisibleLinkagesConflict()
    {
        var m = new ObjectModule();
        m.DeclareFunction("helper", Linkage.Local);
        Fails(() => m.DeclareFunction("helper", Linkage.Export), "declared Local and cannot be redeclared Export");
        Assert.AreEqual(Linkage.Local, m.Declarations.Functions.Single().Linkage, "a rejected redeclaration changes nothing");
    }

    [TestMethod]
    public void DataWritabilityMustAgree()
    {
        var m = new ObjectModule();
        m.DeclareData("table", Linkage.Export, writable: false);
        Fails(() => m.DeclareData("table", Linkage.Export, writable: true), "read-only");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("a\0b")]
    public void NamesMustBeUsableAsSymbols(string name) =>
        Fails(() => new ObjectModule().DeclareFunction(name, Linkage.Export), "cannot be a symbol name");

    [TestMethod]
    [DataRow(0)]
    [DataRow(3)]
    [DataRow(-8)]
    [DataRow(1 << 17)]
    public void AlignmentMustBeAPowerOfTwo(int alignment)
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("f", Linkage.Export);
        Fails(() => m.DefineFunctionBytes(f, [0xc3], alignment, [], []), $"alignment {alignment}");
    }

    [TestMethod]
    public void RelocationsMustFitInTheCode()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("f", Linkage.Export);
        Fails(() => m.DefineFunctionBytes(f, [0xe8, 0, 0, 0], 1, [new ModuleReloc(1, Reloc.X86CallPLTRel4, f, -4)], []), "offset 1");
        Fails(() => m.DefineFunctionBytes(f, [0xe8, 0, 0, 0, 0], 1, [new ModuleReloc(uint.MaxValue, Reloc.Abs4, f, 0)], []), "does not fit");
        var d = m.DeclareData("d", Linkage.Export, writable: false);
        Fails(() => m.DefineData(d, new byte[7], 8, [new ModuleReloc(0, Reloc.Abs8, f, 0)]), "`d`");
        // Nothing was recorded by the failed attempts: the function can still be defined.
        m.DefineFunctionBytes(f, [0xe8, 0, 0, 0, 0], 1, [new ModuleReloc(1, Reloc.X86CallPLTRel4, f, -4)], []);
        Assert.IsTrue(m.Declarations.GetFunction(f).IsDefined);
    }

    [TestMethod]
    public void RelocationsMustNameDeclaredEntities()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("f", Linkage.Export);
        Fails(() => m.DefineFunctionBytes(f, [0xe8, 0, 0, 0, 0], 1, [new ModuleReloc(1, Reloc.X86CallPLTRel4, new FuncId(9), -4)], []), "funcid9");
        Fails(() => m.DefineFunctionBytes(f, [0xe8, 0, 0, 0, 0], 1, [new ModuleReloc(1, Reloc.X86PCRel4, new DataId(0), -4)], []), "dataid0");
        Fails(() => m.DefineFunctionBytes(new FuncId(5), [0xc3], 1, [], []), "funcid5");
        Fails(() => m.DefineFunctionBytes(f, [0xe8, 0, 0, 0, 0], 1, [new ModuleReloc(1, (Reloc)200, f, -4)], []), "unknown kind 200");
    }

    [TestMethod]
    public void TrapSitesMustBeInsideTheCode()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("f", Linkage.Export);
        Fails(() => m.DefineFunctionBytes(f, [0x0f, 0x0b], 1, [], [new TrapSite(3, TrapCode.Unreachable)]), "trap site at offset 3");
        m.DefineFunctionBytes(f, [0x0f, 0x0b], 1, [], [new TrapSite(0, TrapCode.Unreachable), new TrapSite(2, TrapCode.StackOverflow)]);
    }

    [TestMethod]
    public void AReferencedLocalMustBeDefined()
    {
        var m = new ObjectModule();
        var helper = m.DeclareFunction("helper", Linkage.Local);
        var f = m.DeclareFunction("f", Linkage.Export);
        m.DefineFunctionBytes(f, [0xe8, 0, 0, 0, 0, 0xc3], 1, [new ModuleReloc(1, Reloc.X86CallPCRel4, helper, -4)], []);
        Fails(() => m.Finish(), "`helper` is declared Local but never defined");
    }

    [TestMethod]
    public void AnUnreferencedUndefinedLocalIsHarmless()
    {
        var m = new ObjectModule();
        m.DeclareFunction("unused", Linkage.Local);
        Assert.IsGreaterThan(0, m.Finish().Size);
    }

    [TestMethod]
    public void AFinishedModuleTakesNoMoreCalls()
    {
        var m = new ObjectModule();
        var f = m.DeclareFunction("f", Linkage.Export);
        m.Finish();
        Fails(() => m.Finish(), "already finished");
        Fails(() => m.DeclareFunction("g", Linkage.Export), "already finished");
        Fails(() => m.DefineFunctionBytes(f, [0xc3], 1, [], []), "already finished");
    }

    [TestMethod]
    public void OnlyX86_64ElfTargetsAreSupported()
    {
        Fails(() => new ObjectModule(new ObjectModuleOptions { Triple = TargetTriple.Parse("aarch64-unknown-linux-gnu") }), "aarch64");
        Fails(() => new ObjectModule(new ObjectModuleOptions { Triple = TargetTriple.Parse("x86_64-pc-windows-msvc") }), "windows");
        Assert.IsTrue(ObjectModule.IsSupported(TargetTriple.Parse("x86_64-unknown-linux-musl")));
    }
}
