using Stencil.Ir.Interpretation;
using static Stencil.Ir.Tests.Interpreter.Clif;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class MemoryTests
{
    [TestMethod]
    public void StackSlotsRoundTripValues()
    {
        const string clif = """
            function %f(i64, f32) -> i64, f32 {
                ss0 = explicit_slot 16, align = 16
            block0(v0: i64, v1: f32):
                stack_store v0, ss0
                stack_store v1, ss0+8
                v2 = stack_load.i64 ss0
                v3 = stack_load.f32 ss0+8
                return v2, v3
            }
            """;
        var r = Run(clif, "f", I64(-5), DataValue.F32(2.5f));
        Assert.AreEqual(-5L, r.Returns[0].AsInt64());
        Assert.AreEqual(2.5f, r.Returns[1].AsF32());
    }

    [TestMethod]
    public void EndiannessFlagsOrderBytes()
    {
        const string clif = """
            function %f(i32) -> i32, i8 {
                ss0 = explicit_slot 4
            block0(v0: i32):
                v1 = stack_addr.i64 ss0
                store big v0, v1
                v2 = load.i32 little v1
                v3 = uload8.i32 v1
                v4 = ireduce.i8 v3
                return v2, v4
            }
            """;
        var r = Run(clif, "f", I32(0x11223344));
        Assert.AreEqual(0x44332211UL, r.Returns[0].AsUInt64());
        Assert.AreEqual(0x11UL, r.Returns[1].AsUInt64());
    }

    [TestMethod]
    public void AccessOutsideTheFrameTrapsAsHeapOutOfBounds()
    {
        const string clif = """
            function %past_end(i64) -> i64 {
                ss0 = explicit_slot 8
            block0(v0: i64):
                v1 = stack_addr.i64 ss0
                v2 = iadd v1, v0
                v3 = load.i64 v2
                return v3
            }
            function %null() -> i32 {
            block0:
                v0 = iconst.i64 0
                v1 = load.i32 v0
                return v1
            }
            """;
        Assert.AreEqual(TrapCode.HeapOutOfBounds, Trap(clif, "past_end", I64(4)));
        Assert.AreEqual(TrapCode.HeapOutOfBounds, Trap(clif, "past_end", I64(-8)));
        Assert.AreEqual(0L, Single(clif, "past_end", I64(0)).AsInt64());
        Assert.AreEqual(TrapCode.HeapOutOfBounds, Trap(clif, "null"));
    }

    [TestMethod]
    public void SignExtendingLoadsAndNarrowStores()
    {
        const string clif = """
            function %f(i64) -> i64, i64 {
                ss0 = explicit_slot 8
            block0(v0: i64):
                v1 = stack_addr.i64 ss0
                store v0, v1
                istore8 v0, v1+7
                v2 = sload8.i64 v1
                v3 = uload16.i64 v1+6
                return v2, v3
            }
            """;
        var r = Run(clif, "f", I64(0x00000000_000000F0));
        Assert.AreEqual(-16L, r.Returns[0].AsInt64());
        Assert.AreEqual(0xF000UL, r.Returns[1].AsUInt64());
    }

    [TestMethod]
    public void AtomicsHaveSingleThreadedSemantics()
    {
        const string clif = """
            function %f(i32, i32) -> i32, i32, i32 {
                ss0 = explicit_slot 4
            block0(v0: i32, v1: i32):
                v2 = stack_addr.i64 ss0
                atomic_store v0, v2
                v3 = atomic_rmw.i32 add v2, v1
                v4 = atomic_cas v2, v3, v1
                fence
                v5 = atomic_load.i32 v2
                return v3, v4, v5
            }
            """;
        var r = Run(clif, "f", I32(10), I32(5));
        Assert.AreEqual(10L, r.Returns[0].AsInt64());
        Assert.AreEqual(15L, r.Returns[1].AsInt64());
        Assert.AreEqual(15L, r.Returns[2].AsInt64(), "cas must not store when the expected value differs");
    }

    [TestMethod]
    public void MemoryLibcallsWorkOnInterpreterMemory()
    {
        const string clif = """
            function %f(i64) -> i64, i32 {
                fn0 = %Memset(i64, i32, i64) -> i64
                fn1 = %Memcpy(i64, i64, i64) -> i64
                fn2 = %Memcmp(i64, i64, i64) -> i32
                ss0 = explicit_slot 8
                ss1 = explicit_slot 8
            block0(v0: i64):
                v1 = stack_addr.i64 ss0
                v2 = stack_addr.i64 ss1
                v3 = iconst.i32 0xAB
                v4 = iconst.i64 8
                v5 = call fn0(v1, v3, v4)
                stack_store v0, ss1
                v6 = iconst.i64 4
                v7 = call fn1(v1, v2, v6)
                v8 = load.i64 v1
                v9 = call fn2(v1, v2, v4)
                return v8, v9
            }
            """;
        var r = Run(clif, "f", I64(0x01020304));
        Assert.IsNull(r.Unsupported, r.Unsupported);
        Assert.AreEqual(unchecked((long)0xABABABAB_01020304), r.Returns[0].AsInt64());
        Assert.AreEqual(1L, r.Returns[1].AsInt64());
    }
}
