using Stencil.Cli.Wasm;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime.Tests;

/// <summary>The runtime with translated code: state shared between instances, host functions of several results, the stack limit.</summary>
[TestClass]
public sealed unsafe class TranslatedModuleTests
{
    private static LoadedModule Load(string wat, string name) => LoadedModule.Load(Wat.Assemble(wat), name + ".wasm", name);

    [TestMethod]
    public void AnImportedMemoryAndGlobalStayInStepAcrossInstances()
    {
        using var a = Load("""
            (module
              (memory (export "mem") 1 10)
              (global (export "g") (mut i32) (i32.const 5))
              (func (export "size") (result i32) memory.size)
              (func (export "peek") (param i32) (result i32) local.get 0 i32.load8_u)
              (func (export "get") (result i32) global.get 0))
            """, "a");
        using var b = Load("""
            (module
              (import "a" "mem" (memory 1))
              (import "a" "g" (global (mut i32)))
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store8)
              (func (export "set") (param i32) local.get 0 global.set 0))
            """, "b");
        using var store = new Store();
        var first = a.Instantiate(store, new Imports());
        var second = b.Instantiate(store, new Imports().DefineInstance("a", first));

        Assert.AreEqual(1, second.GetFunction("grow").Invoke(WasmValue.I32(2))[0].AsInt32());
        Assert.AreEqual(3, first.GetFunction("size").Invoke()[0].AsInt32(), "the exporter sees the importer's growth");
        Assert.AreEqual(3L * 65536, *(long*)(first.Vmctx + VmOffsets.MemoryLength));
        second.GetFunction("poke").Invoke(WasmValue.I32(3 * 65536 - 1), WasmValue.I32(0xAB));
        Assert.AreEqual(0xAB, first.GetFunction("peek").Invoke(WasmValue.I32(3 * 65536 - 1))[0].AsInt32());
        Assert.AreEqual(0xAB, first.GetMemory("mem").Span[3 * 65536 - 1]);
        Assert.AreEqual(-1, second.GetFunction("grow").Invoke(WasmValue.I32(8))[0].AsInt32(), "past the exporter's maximum");

        second.GetFunction("set").Invoke(WasmValue.I32(77));
        Assert.AreEqual(77, first.GetFunction("get").Invoke()[0].AsInt32());
        Assert.AreEqual(77, first.GetGlobal("g").Value.AsInt32());
        first.GetGlobal("g").Value = WasmValue.I32(-3);
        Assert.AreEqual(-3, first.GetFunction("get").Invoke()[0].AsInt32());
    }

    [TestMethod]
    public void HostFunctionsTakeAndReturnEveryValueType()
    {
        using var module = Load("""
            (module
              (import "host" "split" (func $split (param i64 f64) (result i32 i32 f32)))
              (import "host" "twice" (func $twice (param i32 i64 f32 f64) (result f64)))
              (func (export "run") (param i64 f64) (result i32 i32 f32) local.get 0 local.get 1 call $split)
              (func (export "sum") (result f64) i32.const -1 i64.const 2 f32.const 0.5 f64.const 0.25 call $twice))
            """, "h");
        using var store = new Store();
        var imports = new Imports()
            .Define("host", "split", Func.Wrap(store, (long x, double d) => ((int)(x >> 32), (int)x, (float)d)))
            .Define("host", "twice", Func.Wrap(store, (uint a, long b, float c, double d) => 2 * ((double)a + b + c + d)));
        var instance = module.Instantiate(store, imports);
        var results = instance.GetFunction("run").Invoke(WasmValue.I64(0x0000000700000009), WasmValue.F64(1.5));
        Assert.AreEqual(7, results[0].AsInt32());
        Assert.AreEqual(9, results[1].AsInt32());
        Assert.AreEqual(1.5f, results[2].AsSingle());
        Assert.AreEqual(2 * (4294967295.0 + 2 + 0.5 + 0.25), instance.GetFunction("sum").Invoke()[0].AsDouble());
    }

    [TestMethod]
    public void RecursionTrapsAtTheBudgetAndTheStoreStaysUsable()
    {
        using var module = Load("""
            (module
              (func $down (export "down") (param i32) (result i32)
                local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $down i32.const 1 i32.add end))
            """, "r");
        using var store = new Store { StackBudget = 256 * 1024 };
        var down = module.Instantiate(store, new Imports()).GetFunction("down");
        Assert.AreEqual(1000, down.Invoke(WasmValue.I32(1000))[0].AsInt32());
        var trap = Assert.ThrowsExactly<WasmTrapException>(() => down.Invoke(WasmValue.I32(10_000_000)));
        Assert.AreEqual(WasmTrapKind.CallStackExhausted, trap.Kind);
        Assert.AreEqual("call stack exhausted", trap.Message);
        Assert.AreEqual(500, down.Invoke(WasmValue.I32(500))[0].AsInt32());
    }
}
