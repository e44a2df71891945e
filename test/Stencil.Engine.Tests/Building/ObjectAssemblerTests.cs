using System.Buffers;
using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Engine.Tests.Object;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Building;

[TestClass]
public sealed class ObjectAssemblerTests
{
    private static CompiledCode[] Functions() =>
    [
        new("first", [0xe8, 0, 0, 0, 0, 0xe8, 0, 0, 0, 0, 0xc3],
            [
                new FinalReloc(1, Reloc.X86CallPLTRel4, FinalRelocTarget.FromUser(UserExternalName.FromSymbol("second")), -4),
                new FinalReloc(6, Reloc.X86CallPCRel4, FinalRelocTarget.FromLibCall(LibCall.Memcmp), -4),
            ],
            [new MachTrap(10, TrapCode.Unreachable)], [], 0, 16),
        new("second", [0x48, 0x8d, 0x05, 0, 0, 0, 0, 0xc3, 0x0f, 0x0b],
            [new FinalReloc(3, Reloc.X86PCRel4, FinalRelocTarget.FromKnownSymbol(KnownSymbol.ElfGlobalOffsetTable), 0)],
            [new MachTrap(8, TrapCode.IntegerDivisionByZero)], [], 0, 32),
        new("third", [0xe8, 0, 0, 0, 0, 0xc3],
            [new FinalReloc(1, Reloc.X86CallPLTRel4, FinalRelocTarget.FromUser(UserExternalName.FromSymbol("elsewhere")), -4)],
            [], [], 0, 1),
    ];

    [TestMethod]
    public void GivesTheBytesOfDefiningEachFunctionThroughTheModule()
    {
        var functions = Functions();
        var module = new ObjectModule();
        foreach (var f in functions) module.DeclareFunction(f.SymbolName, Linkage.Export);
        foreach (var f in functions) module.DefineCompiledCode(f, Linkage.Export);
        var expected = module.Finish().Emit();

        var diagnostics = new List<Diagnostic>();
        var assembled = ObjectAssembler.Assemble(functions, diagnostics);

        Assert.IsEmpty(diagnostics);
        CollectionAssert.AreEqual(expected, assembled);
        var elf = new ElfFile(assembled!);
        CollectionAssert.AreEqual(new[] { "second", "memcmp", "_GLOBAL_OFFSET_TABLE_", "elsewhere" }, elf.Relocations.Select(r => r.Symbol.Name).ToArray());
    }

    [TestMethod]
    public void AssemblingIntoABufferGivesTheSameBytes()
    {
        var expected = ObjectAssembler.Assemble(Functions(), [])!;
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(new byte[] { 1, 2, 3 });

        Assert.IsTrue(ObjectAssembler.TryAssemble(Functions(), buffer, []));

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }.Concat(expected).ToArray(), buffer.WrittenSpan.ToArray());
        var diagnostics = new List<Diagnostic>();
        Assert.IsFalse(ObjectAssembler.TryAssemble([.. Functions(), Functions()[0]], buffer, diagnostics));
        Assert.HasCount(1, diagnostics);
        Assert.AreEqual(3 + expected.Length, buffer.WrittenCount, "nothing is written for a failed object");
    }

    [TestMethod]
    public void LeavesTheFunctionsCodeAsItWas()
    {
        var functions = Functions();
        var copies = functions.Select(f => f.Code.ToArray()).ToArray();
        Assert.IsNotNull(ObjectAssembler.Assemble(functions, []));
        for (int i = 0; i < functions.Length; i++) CollectionAssert.AreEqual(copies[i], functions[i].Code);
    }

    [TestMethod]
    public void TwoFunctionsOfOneNameGiveADiagnosticAndNoObject()
    {
        var functions = Functions();
        var diagnostics = new List<Diagnostic>();
        Assert.IsNull(ObjectAssembler.Assemble([.. functions, functions[1] with { Code = [0xc3], Relocs = [], Traps = [] }], diagnostics));
        Assert.AreEqual(ModuleException.DiagnosticCode, diagnostics.Single().Code);
        Assert.Contains("second", diagnostics.Single().Message);
    }
}
