using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Tests.Jit;

[TestClass]
public sealed unsafe class JitModuleTests
{
    private const string Add = """
        function %add(i64, i64) -> i64 {
        block0(v0: i64, v1: i64):
            v2 = iadd v0, v1
            return v2
        }
        """;

    [TestMethod]
    public void CompiledFunctionRunsThroughItsTrampoline()
    {
        var context = JitTestSupport.HostContext();
        using var module = new JitModule();
        var add = JitTestSupport.Define(module, context, Add);
        var trampolines = new JitTrampolines(module, context);
        var function = ReaderFunction(Add);
        var tramp = trampolines.GetOrDefine(function.Signature);
        Assert.AreEqual(tramp, trampolines.GetOrDefine(function.Signature.Clone()), "one trampoline per signature");
        module.FinalizeDefinitions();

        var results = new UInt128[1];
        JitCalls.CallDirect(module.GetFunctionPointer(tramp), module.GetFunctionPointer(add), [40, 2], results);
        Assert.AreEqual((UInt128)42, results[0]);
        JitCalls.CallDirect(module.GetFunctionPointer(tramp), module.GetFunctionPointer(add), [ulong.MaxValue, 5], results);
        Assert.AreEqual((UInt128)4, results[0]);
    }

    [TestMethod]
    public void CallsBetweenModuleFunctionsAreLinked()
    {
        var context = JitTestSupport.HostContext();
        using var module = new JitModule();
        JitTestSupport.Define(module, context, Add);
        var caller = JitTestSupport.Define(module, context, """
            function %twice_plus(i64) -> i64 {
                fn0 = %add(i64, i64) -> i64
            block0(v0: i64):
                v1 = call fn0(v0, v0)
                v2 = iadd_imm v1, 1
                return v2
            }
            """);
        module.FinalizeDefinitions();
        var f = (delegate* unmanaged<long, long>)module.GetFunctionPointer(caller);
        Assert.AreEqual(21L, f(10));
    }

    [TestMethod]
    public void LibcallsBindToTheCLibrary()
    {
        var context = JitTestSupport.HostContext();
        using var module = new JitModule();
        var id = JitTestSupport.Define(module, context, """
            function %c(f64) -> f64 {
                fn0 = %CeilF64(f64) -> f64
            block0(v0: f64):
                v1 = call fn0(v0)
                return v1
            }
            """);
        var memcmp = JitTestSupport.Define(module, context, """
            function %cmp(i64, i64, i64) -> i32 {
                fn0 = %Memcmp(i64, i64, i64) -> i32
            block0(v0: i64, v1: i64, v2: i64):
                v3 = call fn0(v0, v1, v2)
                return v3
            }
            """);
        module.FinalizeDefinitions();
        var ceil = (delegate* unmanaged<double, double>)module.GetFunctionPointer(id);
        Assert.AreEqual(2.0, ceil(1.25));
        Assert.AreEqual(-1.0, ceil(-1.75));
        var cmp = (delegate* unmanaged<byte*, byte*, long, int>)module.GetFunctionPointer(memcmp);
        byte* a = stackalloc byte[] { 1, 2, 3 };
        byte* b = stackalloc byte[] { 1, 2, 4 };
        Assert.AreEqual(0, cmp(a, b, 2));
        Assert.IsLessThan(0, cmp(a, b, 3));
    }

    [TestMethod]
    public void FarCallsGoThroughAVeneer()
    {
        using var far = JitTestSupport.ReturnConstantAt(unchecked((nint)0x1_0000_0000L), 42);
        var symbols = new NativeSymbols();
        symbols.Define("far_target", far.Address);
        using var module = new JitModule(symbols);
        var target = module.DeclareFunction("far_target", Linkage.Import);
        var caller = module.DeclareFunction("caller", Linkage.Local);
        // call rel32 far_target; ret
        module.DefineFunctionBytes(caller, [0xE8, 0, 0, 0, 0, 0xC3], 16, [new ModuleReloc(1, Reloc.X86CallPLTRel4, target, -4)], []);
        module.FinalizeDefinitions();
        var distance = Math.Abs((long)far.Address - (long)module.GetFunctionPointer(caller));
        Assert.IsGreaterThan((long)int.MaxValue, distance, "the target was mapped beyond the reach of rel32");
        Assert.AreEqual(1, module.VeneerCount, "a far target needs the veneer");
        var f = (delegate* unmanaged<int>)module.GetFunctionPointer(caller);
        Assert.AreEqual(42, f());
    }

    [TestMethod]
    public void FarDataOutOfReachIsAnErrorNotAVeneer()
    {
        // A veneer is a jump: it can stand in for code, never for data, so a PC-relative reference to far data fails.
        using var far = JitTestSupport.ReturnConstantAt(unchecked((nint)0x1_0000_0000L), 42);
        var symbols = new NativeSymbols();
        symbols.Define("far_data", far.Address);
        using var module = new JitModule(symbols);
        var data = module.DeclareData("far_data", Linkage.Import, writable: false);
        var reader = module.DeclareFunction("reader", Linkage.Local);
        // lea rax, [rip + far_data]; ret
        module.DefineFunctionBytes(reader, [0x48, 0x8D, 0x05, 0, 0, 0, 0, 0xC3], 16, [new ModuleReloc(3, Reloc.X86PCRel4, data, -4)], []);
        var e = Assert.ThrowsExactly<ModuleException>(module.FinalizeDefinitions);
        StringAssert.Contains(e.Message, "cannot reach");
        Assert.AreEqual(0, module.VeneerCount);
    }

    [TestMethod]
    public void GotRelocationsReadTheAbsoluteAddressFromASlot()
    {
        using var far = JitTestSupport.ReturnConstantAt(unchecked((nint)0x1_4000_0000L), 7);
        var symbols = new NativeSymbols();
        symbols.Define("got_target", far.Address);
        using var module = new JitModule(symbols);
        var target = module.DeclareFunction("got_target", Linkage.Import);
        var caller = module.DeclareFunction("through_got", Linkage.Local);
        // mov rax, [rip + GOT(got_target)]; jmp rax
        module.DefineFunctionBytes(caller, [0x48, 0x8B, 0x05, 0, 0, 0, 0, 0xFF, 0xE0], 16, [new ModuleReloc(3, Reloc.X86GOTPCRel4, target, -4)], []);
        module.FinalizeDefinitions();
        Assert.AreEqual(1, module.GotSlotCount);
        Assert.AreEqual(7, ((delegate* unmanaged<int>)module.GetFunctionPointer(caller))());
    }

    [TestMethod]
    public void Abs8InDataHoldsTheFunctionAddress()
    {
        var context = JitTestSupport.HostContext();
        using var module = new JitModule();
        var add = JitTestSupport.Define(module, context, Add);
        var table = module.DeclareData("table", Linkage.Local, writable: false);
        module.DefineData(table, new byte[16], 8, [new ModuleReloc(8, Reloc.Abs8, add, 3)]);
        module.FinalizeDefinitions();
        var data = (long*)module.GetDataPointer(table);
        Assert.AreEqual(0L, data[0]);
        Assert.AreEqual((long)module.GetFunctionPointer(add) + 3, data[1]);
        Assert.AreEqual("r--p", JitTestSupport.MappingPermissions((nint)data));
    }

    [TestMethod]
    public void CodeIsWritableOnlyBeforeFinalizationAndExecutableOnlyAfter()
    {
        var context = JitTestSupport.HostContext();
        var module = new JitModule();
        var add = JitTestSupport.Define(module, context, Add);
        module.FinalizeDefinitions();
        var address = module.GetFunctionPointer(add);
        Assert.AreEqual(JitProtection.ReadExecute, module.CodeRegion!.Protection);
        Assert.AreEqual("r-xp", JitTestSupport.MappingPermissions(address));
        Assert.ThrowsExactly<ModuleException>(() => module.DeclareFunction("late", Linkage.Local));
        module.Dispose();
        Assert.AreNotEqual("r-xp", JitTestSupport.MappingPermissions(address), "dispose unmaps the code");
        Assert.ThrowsExactly<ObjectDisposedException>(() => module.GetFunctionPointer(add));
    }

    [TestMethod]
    public void UnresolvedImportsAreReportedAtFinalization()
    {
        using var module = new JitModule();
        var missing = module.DeclareFunction("stencil_no_such_symbol_anywhere", Linkage.Import);
        var caller = module.DeclareFunction("caller", Linkage.Local);
        module.DefineFunctionBytes(caller, [0xE8, 0, 0, 0, 0, 0xC3], 16, [new ModuleReloc(1, Reloc.X86CallPLTRel4, missing, -4)], []);
        var e = Assert.ThrowsExactly<ModuleException>(module.FinalizeDefinitions);
        StringAssert.Contains(e.Message, "stencil_no_such_symbol_anywhere");
    }

    [TestMethod]
    public void AddressesBeforeFinalizationAreRefused()
    {
        using var module = new JitModule();
        var f = module.DeclareFunction("f", Linkage.Local);
        module.DefineFunctionBytes(f, [0xC3], 1, [], []);
        Assert.ThrowsExactly<ModuleException>(() => module.GetFunctionPointer(f));
    }

    private static Function ReaderFunction(string clif) => Stencil.Ir.Text.ClifReader.ParseFunction(clif);
}
