using Stencil.Isa;
using Stencil.Wasm.Abi;

namespace Stencil.Engine.Tests.Wasm;

/// <summary>
/// Translated code run natively (in a forked child, see <see cref="WasmTestInstance"/>) against the spec's semantics:
/// control flow, calls, memory with bounds checks, the trapping cases tested before the instruction that would fault,
/// conversions, NaN and signed-zero behaviour, indirect calls and the stack limit; at both optimization levels.
/// </summary>
[TestClass]
public sealed class WasmExecutionTests
{
    private static ulong F32(float f) => BitConverter.SingleToUInt32Bits(f);
    private static ulong F64(double d) => BitConverter.DoubleToUInt64Bits(d);
    private static float AsF32(ulong bits) => BitConverter.UInt32BitsToSingle((uint)bits);
    private static double AsF64(ulong bits) => BitConverter.UInt64BitsToDouble(bits);
    private static ulong I32(int v) => (uint)v;
    private static ulong I64(long v) => (ulong)v;

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.None)]
    public void ControlFlowAndCalls(OptLevel level)
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module
              (func $fac (export "fac") (param i64) (result i64)
                local.get 0 i64.eqz
                if (result i64) i64.const 1 else local.get 0 local.get 0 i64.const 1 i64.sub call $fac i64.mul end)
              (func (export "sum") (param i32) (result i32) (local i32)
                block loop
                  local.get 0 i32.eqz br_if 1
                  local.get 1 local.get 0 i32.add local.set 1
                  local.get 0 i32.const 1 i32.sub local.set 0
                  br 0
                end end
                local.get 1)
              (func (export "switch") (param i32) (result i32)
                block (result i32) block (result i32) block (result i32)
                  i32.const 10 local.get 0 br_table 0 1 2
                end i32.const 1 i32.add return
                end i32.const 2 i32.add return
                end i32.const 3 i32.add)
              (func $swap (param i32 i32) (result i32 i32) local.get 1 local.get 0)
              (func (export "multi") (param i32 i32) (result i32)
                local.get 0 local.get 1 call $swap i32.sub)
              (func $many (result i32 i64 i32 i64 f64 i32) i32.const 1 i64.const 2 i32.const 3 i64.const 4 f64.const 5 i32.const 6)
              (func (export "many") (result i32)
                (local i32 i64 i32 i64 f64 i32)
                call $many local.set 5 local.set 4 local.set 3 local.set 2 local.set 1 local.set 0
                local.get 0 local.get 1 i32.wrap_i64 i32.add local.get 2 i32.add local.get 3 i32.wrap_i64 i32.add
                local.get 4 i32.trunc_f64_s i32.add local.get 5 i32.add)
              (func (export "blockparams") (param i32) (result i32)
                local.get 0 i32.const 5
                block (param i32 i32) (result i32) i32.add end
                local.get 0
                if (param i32) (result i32) i32.const 100 i32.add else i32.const 200 i32.add end)
              (func (export "dead") (param i32) (result i32)
                block (result i32)
                  local.get 0 br 0
                  i32.const 1 i32.add drop drop
                  block loop unreachable end end
                end)
              (func (export "select") (param i32 i32 i32) (result i32) local.get 0 local.get 1 local.get 2 select)
            )
            """), level);
        Assert.AreEqual(3628800UL, m.Call("fac", 10));
        Assert.AreEqual(5050UL, m.Call("sum", 100));
        Assert.AreEqual(11UL, m.Call("switch", 0));
        Assert.AreEqual(12UL, m.Call("switch", 1));
        Assert.AreEqual(13UL, m.Call("switch", 2));
        Assert.AreEqual(13UL, m.Call("switch", 99));
        Assert.AreEqual(I32(-4), m.Call("multi", 7, 3) & 0xFFFFFFFF);
        Assert.AreEqual(21UL, m.Call("many"));
        Assert.AreEqual(106UL, m.Call("blockparams", 1));
        Assert.AreEqual(205UL, m.Call("blockparams", 0));
        Assert.AreEqual(42UL, m.Call("dead", 42));
        Assert.AreEqual(1UL, m.Call("select", 1, 2, 5));
        Assert.AreEqual(2UL, m.Call("select", 1, 2, 0));
    }

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.None)]
    public void LoopsAndIfsWithParametersAndEarlyExits(OptLevel level)
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module
              ;; the sum of 1..n, the loop carrying (n, sum) as its parameters and leaving through br_if to the body
              (func (export "loopsum") (param i32) (result i32) (local $n i32) (local $s i32)
                local.get 0 i32.const 0
                loop $l (param i32 i32) (result i32)
                  local.set $s local.set $n
                  local.get $s
                  local.get $n i32.eqz br_if 1
                  drop
                  local.get $n i32.const 1 i32.sub
                  local.get $s local.get $n i32.add
                  br $l
                end)
              (func (export "ifnoelse") (param i32 i32) (result i32)
                local.get 0
                local.get 1
                if (param i32) (result i32) i32.const 10 i32.mul end)
              (func (export "early") (param i32) (result i32)
                block (result i32)
                  loop (result i32)
                    local.get 0 i32.const 100 i32.gt_u
                    if local.get 0 return end
                    local.get 0 i32.const 3 i32.mul local.tee 0
                    local.get 0 i32.const 50 i32.gt_u br_if 1
                    drop
                    br 0
                  end
                end
                i32.const 1000 i32.add)
            )
            """), level);
        Assert.AreEqual(15UL, m.Call("loopsum", 5) & 0xFFFFFFFF);
        Assert.AreEqual(0UL, m.Call("loopsum", 0) & 0xFFFFFFFF);
        Assert.AreEqual(70UL, m.Call("ifnoelse", 7, 1) & 0xFFFFFFFF);
        Assert.AreEqual(7UL, m.Call("ifnoelse", 7, 0) & 0xFFFFFFFF);
        Assert.AreEqual(1081UL, m.Call("early", 1) & 0xFFFFFFFF);
        Assert.AreEqual(101UL, m.Call("early", 101) & 0xFFFFFFFF);
    }

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.None)]
    public void IntegerTrapsAreTestedBeforeTheInstruction(OptLevel level)
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module
              (func (export "div_s") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
              (func (export "div_u") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_u)
              (func (export "rem_s") (param i32 i32) (result i32) local.get 0 local.get 1 i32.rem_s)
              (func (export "rem_u64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.rem_u)
              (func (export "div_s64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.div_s)
              (func (export "shl") (param i32 i32) (result i32) local.get 0 local.get 1 i32.shl)
              (func (export "shr_s64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.shr_s)
              (func (export "rotl") (param i32 i32) (result i32) local.get 0 local.get 1 i32.rotl)
              (func (export "clz") (param i32) (result i32) local.get 0 i32.clz)
              (func (export "ctz64") (param i64) (result i64) local.get 0 i64.ctz)
              (func (export "ext8") (param i32) (result i32) local.get 0 i32.extend8_s)
              (func (export "ext32") (param i64) (result i64) local.get 0 i64.extend32_s)
              (func (export "unreachable") unreachable)
            )
            """), level);
        Assert.AreEqual(WasmTrapKind.IntegerDivideByZero, m.Invoke("div_s", 1, 0).Trap);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("div_s", I32(int.MinValue), I32(-1)).Trap);
        Assert.AreEqual(WasmTrapKind.IntegerDivideByZero, m.Invoke("div_u", 1, 0).Trap);
        Assert.AreEqual(WasmTrapKind.IntegerDivideByZero, m.Invoke("rem_s", 1, 0).Trap);
        Assert.AreEqual(WasmTrapKind.IntegerDivideByZero, m.Invoke("rem_u64", 1, 0).Trap);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("div_s64", I64(long.MinValue), I64(-1)).Trap);
        Assert.AreEqual(0UL, m.Call("rem_s", I32(int.MinValue), I32(-1)) & 0xFFFFFFFF);
        Assert.AreEqual(I32(-3), m.Call("div_s", I32(-7), 2) & 0xFFFFFFFF);
        Assert.AreEqual(I32(-1), m.Call("rem_s", I32(-7), 2) & 0xFFFFFFFF);
        Assert.AreEqual(0x7FFFFFFFUL, m.Call("div_u", I32(-1), 2) & 0xFFFFFFFF);
        Assert.AreEqual(2UL, m.Call("shl", 1, 33) & 0xFFFFFFFF);
        Assert.AreEqual(I64(-1), m.Call("shr_s64", I64(long.MinValue), 127));
        Assert.AreEqual(0x80000001UL, m.Call("rotl", 0xC0000000, 33) & 0xFFFFFFFF);
        Assert.AreEqual(32UL, m.Call("clz", 0) & 0xFFFFFFFF);
        Assert.AreEqual(64UL, m.Call("ctz64", 0));
        Assert.AreEqual(I32(-128), m.Call("ext8", 0x180) & 0xFFFFFFFF);
        Assert.AreEqual(I64(int.MinValue), m.Call("ext32", 0x1_8000_0000));
        Assert.AreEqual(WasmTrapKind.Unreachable, m.Invoke("unreachable").Trap);
    }

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.None)]
    public void FloatToIntConversionsTrapAsTheSpecSays(OptLevel level)
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module
              (func (export "i32_f32_s") (param f32) (result i32) local.get 0 i32.trunc_f32_s)
              (func (export "i32_f32_u") (param f32) (result i32) local.get 0 i32.trunc_f32_u)
              (func (export "i32_f64_s") (param f64) (result i32) local.get 0 i32.trunc_f64_s)
              (func (export "i32_f64_u") (param f64) (result i32) local.get 0 i32.trunc_f64_u)
              (func (export "i64_f32_s") (param f32) (result i64) local.get 0 i64.trunc_f32_s)
              (func (export "i64_f64_u") (param f64) (result i64) local.get 0 i64.trunc_f64_u)
              (func (export "sat_i32_f32_s") (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s)
              (func (export "sat_i64_f64_u") (param f64) (result i64) local.get 0 i64.trunc_sat_f64_u)
              (func (export "u64_to_f64") (param i64) (result f64) local.get 0 f64.convert_i64_u)
            )
            """), level);
        Assert.AreEqual(WasmTrapKind.InvalidConversionToInteger, m.Invoke("i32_f32_s", F32(float.NaN)).Trap);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i32_f32_s", F32(2147483648f)).Trap);
        Assert.AreEqual(I32(int.MinValue), m.Call("i32_f32_s", F32(-2147483648f)) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i32_f32_s", F32(-2147483904f)).Trap);
        Assert.AreEqual(0UL, m.Call("i32_f32_u", F32(-0.9f)) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i32_f32_u", F32(-1f)).Trap);
        Assert.AreEqual(0xFFFFFF00UL, m.Call("i32_f32_u", F32(4294967040f)) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i32_f32_u", F32(4294967296f)).Trap);
        Assert.AreEqual(I32(int.MinValue), m.Call("i32_f64_s", F64(-2147483648.9)) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i32_f64_s", F64(-2147483649.0)).Trap);
        Assert.AreEqual(I32(int.MaxValue), m.Call("i32_f64_s", F64(2147483647.9)) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i32_f64_s", F64(2147483648.0)).Trap);
        Assert.AreEqual(0xFFFFFFFFUL, m.Call("i32_f64_u", F64(4294967295.9)) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i32_f64_u", F64(4294967296.0)).Trap);
        Assert.AreEqual(I64(long.MinValue), m.Call("i64_f32_s", F32(-9223372036854775808f)));
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i64_f32_s", F32(9223372036854775808f)).Trap);
        Assert.AreEqual(18446744073709549568UL, m.Call("i64_f64_u", F64(18446744073709549568.0)));
        Assert.AreEqual(WasmTrapKind.IntegerOverflow, m.Invoke("i64_f64_u", F64(18446744073709551616.0)).Trap);
        Assert.AreEqual(WasmTrapKind.InvalidConversionToInteger, m.Invoke("i64_f64_u", F64(double.NaN)).Trap);
        Assert.AreEqual(0UL, m.Call("sat_i32_f32_s", F32(float.NaN)) & 0xFFFFFFFF);
        Assert.AreEqual(I32(int.MaxValue), m.Call("sat_i32_f32_s", F32(1e20f)) & 0xFFFFFFFF);
        Assert.AreEqual(I32(int.MinValue), m.Call("sat_i32_f32_s", F32(-1e20f)) & 0xFFFFFFFF);
        Assert.AreEqual(ulong.MaxValue, m.Call("sat_i64_f64_u", F64(1e30)));
        Assert.AreEqual(0UL, m.Call("sat_i64_f64_u", F64(-5)));
        Assert.AreEqual(18446744073709551615.0, AsF64(m.Call("u64_to_f64", ulong.MaxValue)));
    }

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.None)]
    public void FloatOperatorsFollowTheSpecOnNaNAndZeros(OptLevel level)
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module
              (func (export "min") (param f32 f32) (result f32) local.get 0 local.get 1 f32.min)
              (func (export "max") (param f64 f64) (result f64) local.get 0 local.get 1 f64.max)
              (func (export "nearest") (param f64) (result f64) local.get 0 f64.nearest)
              (func (export "nearest32") (param f32) (result f32) local.get 0 f32.nearest)
              (func (export "ceil") (param f32) (result f32) local.get 0 f32.ceil)
              (func (export "floor") (param f64) (result f64) local.get 0 f64.floor)
              (func (export "trunc") (param f32) (result f32) local.get 0 f32.trunc)
              (func (export "sqrt") (param f64) (result f64) local.get 0 f64.sqrt)
              (func (export "copysign") (param f32 f32) (result f32) local.get 0 local.get 1 f32.copysign)
              (func (export "neg") (param f64) (result f64) local.get 0 f64.neg)
              (func (export "abs") (param f32) (result f32) local.get 0 f32.abs)
              (func (export "eq") (param f64 f64) (result i32) local.get 0 local.get 1 f64.eq)
              (func (export "ne") (param f32 f32) (result i32) local.get 0 local.get 1 f32.ne)
              (func (export "lt") (param f64 f64) (result i32) local.get 0 local.get 1 f64.lt)
            )
            """), level);
        Assert.AreEqual(F32(-0f), m.Call("min", F32(0f), F32(-0f)) & 0xFFFFFFFF);
        Assert.AreEqual(F32(-0f), m.Call("min", F32(-0f), F32(0f)) & 0xFFFFFFFF);
        Assert.IsTrue(float.IsNaN(AsF32(m.Call("min", F32(float.NaN), F32(1f)))));
        Assert.IsTrue(float.IsNaN(AsF32(m.Call("min", F32(1f), F32(float.NaN)))));
        Assert.AreEqual(F64(0d), m.Call("max", F64(-0d), F64(0d)));
        Assert.AreEqual(F64(0d), m.Call("max", F64(0d), F64(-0d)));
        Assert.IsTrue(double.IsNaN(AsF64(m.Call("max", F64(1d), F64(double.NaN)))));
        Assert.AreEqual(2.0, AsF64(m.Call("nearest", F64(2.5))));
        Assert.AreEqual(4.0, AsF64(m.Call("nearest", F64(3.5))));
        Assert.AreEqual(F64(-0d), m.Call("nearest", F64(-0.5)));
        Assert.AreEqual(-4f, AsF32(m.Call("nearest32", F32(-3.5f))));
        Assert.AreEqual(F32(-0f), m.Call("ceil", F32(-0.5f)) & 0xFFFFFFFF);
        Assert.AreEqual(-1.0, AsF64(m.Call("floor", F64(-0.5))));
        Assert.AreEqual(F32(-0f), m.Call("trunc", F32(-0.7f)) & 0xFFFFFFFF);
        Assert.IsTrue(double.IsNaN(AsF64(m.Call("sqrt", F64(-1)))));
        Assert.AreEqual(F64(-0d), m.Call("sqrt", F64(-0d)));
        Assert.AreEqual(-2f, AsF32(m.Call("copysign", F32(2f), F32(-0f))));
        Assert.AreEqual(0x7FC00001UL, m.Call("abs", 0xFFC00001) & 0xFFFFFFFF);
        Assert.AreEqual(0xFFF8000000000001UL, m.Call("neg", 0x7FF8000000000001));
        Assert.AreEqual(0UL, m.Call("eq", F64(double.NaN), F64(double.NaN)) & 0xFFFFFFFF);
        Assert.AreEqual(1UL, m.Call("ne", F32(float.NaN), F32(float.NaN)) & 0xFFFFFFFF);
        Assert.AreEqual(0UL, m.Call("lt", F64(double.NaN), F64(1)) & 0xFFFFFFFF);
    }

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.None)]
    public void MemoryAccessesAreBoundsChecked(OptLevel level)
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module
              (memory 1)
              (data (i32.const 16) "\01\02\03\04\05\06\07\08")
              (global $g (mut i64) (i64.const 7))
              (func (export "load") (param i32) (result i32) local.get 0 i32.load)
              (func (export "load_off") (param i32) (result i64) local.get 0 i64.load offset=8)
              (func (export "load8_s") (param i32) (result i32) local.get 0 i32.load8_s)
              (func (export "load16_u") (param i32) (result i64) local.get 0 i64.load16_u)
              (func (export "store_load") (param i32 i64) (result i64) local.get 0 local.get 1 i64.store32 local.get 0 i64.load)
              (func (export "size") (result i32) memory.size)
              (func (export "global") (param i64) (result i64) global.get $g local.get 0 i64.add global.set $g global.get $g)
            )
            """), level);
        Assert.AreEqual(0x04030201UL, m.Call("load", 16) & 0xFFFFFFFF);
        Assert.AreEqual(0x0807060504030201UL, m.Call("load_off", 8));
        Assert.AreEqual(0UL, m.Call("load", 65532) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.MemoryOutOfBounds, m.Invoke("load", 65533).Trap);
        Assert.AreEqual(WasmTrapKind.MemoryOutOfBounds, m.Invoke("load", 0xFFFFFFFF).Trap);
        Assert.AreEqual(WasmTrapKind.MemoryOutOfBounds, m.Invoke("load_off", 65528).Trap);
        Assert.AreEqual(I32(3), m.Call("load8_s", 18) & 0xFFFFFFFF);
        Assert.AreEqual(0x0201UL, m.Call("load16_u", 16));
        Assert.AreEqual(0x89ABCDEFUL, m.Call("store_load", 100, 0x0123456789ABCDEF));
        Assert.AreEqual(1UL, m.Call("size") & 0xFFFFFFFF);
        Assert.AreEqual(12UL, m.Call("global", 5));
    }

    [TestMethod]
    [DataRow(OptLevel.Speed)]
    [DataRow(OptLevel.None)]
    public void IndirectCallsCheckElementAndSignature(OptLevel level)
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module
              (type $ii (func (param i32) (result i32)))
              (type $v (func))
              (table 4 funcref)
              (elem (i32.const 0) $double $nothing)
              (func $double (type $ii) local.get 0 i32.const 2 i32.mul)
              (func $nothing (type $v))
              (func (export "call") (param i32 i32) (result i32) local.get 0 local.get 1 call_indirect (type $ii))
              (func (export "isnull") (param i32) (result i32) local.get 0 table.get 0 ref.is_null)
              (func (export "size") (result i32) table.size 0)
              (func (export "setget") (result i32) i32.const 3 ref.func $double table.set 0 i32.const 21 i32.const 3 call_indirect (type $ii))
            )
            """), level);
        Assert.AreEqual(42UL, m.Call("call", 21, 0) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.IndirectCallTypeMismatch, m.Invoke("call", 1, 1).Trap);
        Assert.AreEqual(WasmTrapKind.UninitializedElement, m.Invoke("call", 1, 2).Trap);
        Assert.AreEqual(WasmTrapKind.UndefinedElement, m.Invoke("call", 1, 4).Trap);
        Assert.AreEqual(0UL, m.Call("isnull", 0) & 0xFFFFFFFF);
        Assert.AreEqual(1UL, m.Call("isnull", 2) & 0xFFFFFFFF);
        Assert.AreEqual(WasmTrapKind.TableOutOfBounds, m.Invoke("isnull", 4).Trap);
        Assert.AreEqual(4UL, m.Call("size") & 0xFFFFFFFF);
        Assert.AreEqual(42UL, m.Call("setget") & 0xFFFFFFFF);
    }

    [TestMethod]
    public void DeepRecursionTrapsAtTheStackLimit()
    {
        using var m = new WasmTestInstance(Stencil.Testing.Wat.Assemble("""
            (module (func $f (export "f") (param i64) (result i64) local.get 0 i64.const 1 i64.add call $f))
            """), stackBudget: 256 * 1024);
        Assert.AreEqual(WasmTrapKind.CallStackExhausted, m.Invoke("f", 0).Trap);
    }
}
