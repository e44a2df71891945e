using Stencil.Engine.Compilation;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Engine.Tests.Object;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Module;

[TestClass]
public sealed class CompiledCodeModuleExtensionsTests
{
    [TestMethod]
    public void FinalizedCodeBecomesADefinitionWithResolvedTargets()
    {
        var m = new ObjectModule();
        m.DeclareData("table", Linkage.Import, writable: false);
        var code = new CompiledCode("caller",
            [0xe8, 0, 0, 0, 0, 0xe8, 0, 0, 0, 0, 0x48, 0x8d, 0x05, 0, 0, 0, 0, 0xc3, 0x0f, 0x0b],
            [
                new FinalReloc(1, Reloc.X86CallPLTRel4, FinalRelocTarget.FromUser(UserExternalName.FromSymbol("callee")), -4),
                new FinalReloc(6, Reloc.X86CallPLTRel4, FinalRelocTarget.FromLibCall(LibCall.Memset), -4),
                new FinalReloc(13, Reloc.X86PCRel4, FinalRelocTarget.FromUser(UserExternalName.FromSymbol("table")), -4),
            ],
            [new MachTrap(18, TrapCode.Unreachable)], [], 0, 16);

        var id = m.DefineCompiledCode(code, Linkage.Export);

        var decl = m.Declarations.GetFunction(id);
        Assert.AreEqual("caller", decl.Name);
        Assert.IsTrue(decl.IsDefined);
        Assert.IsTrue(m.Declarations.TryGetFunction("callee", out var callee));
        Assert.AreEqual(Linkage.Import, m.Declarations.GetFunction(callee).Linkage);
        Assert.IsFalse(m.Declarations.TryGetFunction("table", out _), "a declared data name stays data");
        var product = m.Finish();
        var info = product.Functions.Single();
        Assert.AreEqual(new TrapSite(18, TrapCode.Unreachable), info.Traps.Single());
        Assert.AreEqual(20, info.Size);
        var relocs = new ElfFile(product.Emit()).Relocations.Select(r => (r.Offset, r.Symbol.Name, r.Addend)).ToArray();
        CollectionAssert.AreEqual(new[] { (1UL, "callee", -4L), (6UL, "memset", -4L), (13UL, "table", -4L) }, relocs);
    }
}
