using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime.Tests.Support;

namespace Stencil.Wasm.Runtime.Tests;

/// <summary>Instantiation, calls, traps and host imports over hand-written code (see <see cref="TestModule"/>).</summary>
[TestClass]
public sealed unsafe class InstanceTests
{
    private static readonly FuncType IntToInt = new([ValType.I32], [ValType.I32]);

    private static Imports HostDoubling(Store store) =>
        new Imports().Define("host", "f", Func.FromCallback(store, IntToInt, (a, r) => r[0] = WasmValue.I32(a[0].AsInt32() * 2)));

    [TestMethod]
    public void AnExportReturnsItsResult()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var instance = code.Instantiate(store, HostDoubling(store));
        var results = instance.GetFunction("inc").Invoke(WasmValue.I32(41));
        Assert.AreEqual(1, results.Length);
        Assert.AreEqual(42, results[0].AsInt32());
        Assert.AreEqual(int.MinValue, instance.GetFunction("inc").Invoke(WasmValue.I32(int.MaxValue))[0].AsInt32());
    }

    [TestMethod]
    public void ATrapSurfacesWithItsKindAndTheInstanceStaysUsable()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var instance = code.Instantiate(store, HostDoubling(store));
        for (int round = 0; round < 3; round++)
        {
            var trap = Assert.ThrowsExactly<WasmTrapException>(() => instance.GetFunction("trap").Invoke());
            Assert.AreEqual(WasmTrapKind.Unreachable, trap.Kind);
            Assert.AreEqual("unreachable", trap.Message);
            Assert.AreEqual(8, instance.GetFunction("inc").Invoke(WasmValue.I32(7))[0].AsInt32());
        }
        Assert.AreEqual(0L, *(long*)(store.Record + VmStore.EntryFrame), "no entry frame left active");
        Assert.AreEqual(0L, *(long*)(store.Record + VmStore.StackLimit), "the limit is the outermost entry's only");
    }

    [TestMethod]
    public void TheOutermostEntrySetsTheStackLimitBelowItsFrame()
    {
        using var code = TestModule.Create();
        using var store = new Store { StackBudget = 64 * 1024 };
        var instance = code.Instantiate(store, HostDoubling(store));
        long limit = instance.GetFunction("stack_limit").Invoke()[0].AsInt64();
        long here = (long)&limit;
        Assert.IsTrue(limit < here - 64 * 1024 && limit > here - 64 * 1024 - 16 * 1024, $"limit 0x{limit:x}, a local at 0x{here:x}");
    }

    [TestMethod]
    public void AHostImportIsCalledThroughHostCall()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var instance = code.Instantiate(store, HostDoubling(store));
        Assert.AreEqual(42, instance.GetFunction("call_host").Invoke(WasmValue.I32(21))[0].AsInt32());
    }

    [TestMethod]
    public void ATypedDelegateIsAHostImport()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var imports = new Imports().Define("host", "f", Func.Wrap(store, (int x) => x - 100));
        var instance = code.Instantiate(store, imports);
        Assert.AreEqual(-58, instance.GetFunction("call_host").Invoke(WasmValue.I32(42))[0].AsInt32());
    }

    [TestMethod]
    public void AnImportThatThrowsTrapsWithTheExceptionInside()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        int calls = 0;
        var imports = new Imports().Define("host", "f", Func.Wrap(store, (int x) =>
            ++calls == 1 ? throw new InvalidDataException("bad input " + x) : x));
        var instance = code.Instantiate(store, imports);
        var trap = Assert.ThrowsExactly<WasmTrapException>(() => instance.GetFunction("call_host").Invoke(WasmValue.I32(5)));
        Assert.AreEqual(WasmTrapKind.HostException, trap.Kind);
        Assert.IsInstanceOfType<InvalidDataException>(trap.InnerException);
        Assert.AreEqual("bad input 5", trap.InnerException!.Message);
        Assert.AreEqual(6, instance.GetFunction("call_host").Invoke(WasmValue.I32(6))[0].AsInt32(), "usable after the host's exception");
    }

    [TestMethod]
    public void WasmCallsHostCallsWasmAndInnerTrapsStayInside()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        Instance? self = null;
        var imports = new Imports().Define("host", "f", Func.Wrap(store, (int x) =>
        {
            var trap = Assert.ThrowsExactly<WasmTrapException>(() => self!.GetFunction("trap").Invoke());
            Assert.AreEqual(WasmTrapKind.Unreachable, trap.Kind);
            return self!.GetFunction("inc").Invoke(WasmValue.I32(x))[0].AsInt32() * 10;
        }));
        self = code.Instantiate(store, imports);
        Assert.AreEqual(40, self.GetFunction("call_host").Invoke(WasmValue.I32(3))[0].AsInt32());
        Assert.AreEqual(0L, *(long*)(store.Record + VmStore.EntryFrame));
    }

    [TestMethod]
    public void MemoryGlobalsAndTablesAreInitialized()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var instance = code.Instantiate(store, HostDoubling(store));
        var memory = instance.GetMemory("mem");
        Assert.AreEqual(65536L, memory.Length);
        Assert.AreEqual("hi", System.Text.Encoding.ASCII.GetString(memory.Span.Slice(16, 2)));
        Assert.AreEqual((nint)memory.Base, *(nint*)(instance.Vmctx + VmOffsets.MemoryBase));
        Assert.AreEqual(1, memory.Grow(2));
        Assert.AreEqual(-1, memory.Grow(1), "the maximum is 3 pages");
        Assert.AreEqual(3L * 65536, *(long*)(instance.Vmctx + VmOffsets.MemoryLength), "the record follows the memory");
        memory.Span[3 * 65536 - 1] = 7;

        var global = instance.GetGlobal("g");
        Assert.AreEqual(42, global.Value.AsInt32());
        global.Value = WasmValue.I32(-1);
        Assert.AreEqual(uint.MaxValue, *(uint*)(instance.Vmctx + code.Offsets.Global(0)));

        var table = instance.GetTable("t");
        Assert.AreEqual(2u, table.Length);
        Assert.AreEqual(instance.Vmctx + code.Offsets.FuncRef(1), table[0]);
        Assert.AreEqual(instance.Vmctx + code.Offsets.FuncRef(3), table[1]);
        var funcRef = table[0];
        Assert.AreEqual(store.TypeId(IntToInt), *(uint*)(funcRef + VmFuncRef.TypeId));
        Assert.AreEqual(instance.Vmctx, *(nint*)(funcRef + VmFuncRef.Vmctx));
    }

    [TestMethod]
    public void ImportsAreCheckedByNameAndType()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var missing = Assert.ThrowsExactly<WasmLinkException>(() => code.Instantiate(store));
        StringAssert.StartsWith(missing.Message, "unknown import");
        var wrongType = new Imports().Define("host", "f", Func.Wrap(store, (long x) => x));
        StringAssert.StartsWith(Assert.ThrowsExactly<WasmLinkException>(() => code.Instantiate(store, wrongType)).Message, "incompatible import type");
        var wrongKind = new Imports().Define("host", "f", new Global(store, new GlobalType(ValType.I32, false), WasmValue.I32(1)));
        StringAssert.StartsWith(Assert.ThrowsExactly<WasmLinkException>(() => code.Instantiate(store, wrongKind)).Message, "incompatible import type");
    }

    [TestMethod]
    public void TypeIdsAreStructural()
    {
        using var store = new Store();
        var a = store.TypeId(new FuncType([ValType.I32, ValType.F64], [ValType.I64]));
        var b = store.TypeId(new FuncType([ValType.I32, ValType.F64], [ValType.I64]));
        var c = store.TypeId(new FuncType([ValType.I32], [ValType.I64]));
        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a, c);
        Assert.AreNotEqual(0u, c);
    }

    [TestMethod]
    public void AnExportedWasmFunctionImportsIntoAnotherInstance()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var first = code.Instantiate(store, HostDoubling(store));
        var second = code.Instantiate(store, new Imports().Define("host", "f", first.GetFunction("inc")));
        Assert.AreEqual(11, second.GetFunction("call_host").Invoke(WasmValue.I32(10))[0].AsInt32(), "second's import is first's inc");
    }

    [TestMethod]
    public void ArgumentsAreCheckedAgainstTheType()
    {
        using var code = TestModule.Create();
        using var store = new Store();
        var inc = code.Instantiate(store, HostDoubling(store)).GetFunction("inc");
        Assert.ThrowsExactly<ArgumentException>(() => inc.Invoke());
        Assert.ThrowsExactly<ArgumentException>(() => inc.Invoke(WasmValue.I64(1)));
    }
}
