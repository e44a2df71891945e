using Stencil.Ir.Interpretation;
using static Stencil.Ir.Tests.Interpreter.Clif;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class ControlTests
{
    private const string Fib = """
        function %fib(i64) -> i64 {
            fn0 = %fib(i64) -> i64
        block0(v0: i64):
            v1 = icmp_imm ult v0, 2
            brif v1, block1, block2
        block1:
            return v0
        block2:
            v2 = iadd_imm v0, -1
            v3 = call fn0(v2)
            v4 = iadd_imm v0, -2
            v5 = call fn0(v4)
            v6 = iadd v3, v5
            return v6
        }
        """;

    [TestMethod]
    public void RecursiveCallsResolveThroughTheModule() =>
        Assert.AreEqual(55L, Single(Fib, "fib", I64(10)).AsInt64());

    [TestMethod]
    public void BrTableTakesTheEntryOrTheDefault()
    {
        const string clif = """
            function %f(i32) -> i32 {
            block0(v0: i32):
                br_table v0, block3, [block1, block2]
            block1:
                v1 = iconst.i32 10
                return v1
            block2:
                v2 = iconst.i32 20
                return v2
            block3:
                v3 = iconst.i32 30
                return v3
            }
            """;
        Assert.AreEqual(10L, Single(clif, "f", I32(0)).AsInt64());
        Assert.AreEqual(20L, Single(clif, "f", I32(1)).AsInt64());
        Assert.AreEqual(30L, Single(clif, "f", I32(-1)).AsInt64());
    }

    [TestMethod]
    public void BlockArgumentsAreAssignedInParallel()
    {
        const string clif = """
            function %f(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = iconst.i32 3
                jump block1(v0, v1, v2)
            block1(v3: i32, v4: i32, v5: i32):
                brif v5, block2, block3
            block2:
                v6 = iadd_imm v5, -1
                jump block1(v4, v3, v6)
            block3:
                return v3
            }
            """;
        Assert.AreEqual(2L, Single(clif, "f", I32(1), I32(2)).AsInt64());
    }

    [TestMethod]
    public void FunctionAddressesCanBeCalledIndirectly()
    {
        const string clif = """
            function %double(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd v0, v0
                return v1
            }
            function %f(i64) -> i64 {
                sig0 = (i64) -> i64
                fn0 = %double(i64) -> i64
            block0(v0: i64):
                v1 = func_addr.i64 fn0
                v2 = call_indirect sig0, v1(v0)
                return v2
            }
            function %bad(i64) -> i64 {
                sig0 = (i64) -> i64
            block0(v0: i64):
                v1 = call_indirect sig0, v0(v0)
                return v1
            }
            """;
        Assert.AreEqual(42L, Single(clif, "f", I64(21)).AsInt64());
        Assert.AreEqual(TrapCode.HeapOutOfBounds, Trap(clif, "bad", I64(0x1234)));
    }

    [TestMethod]
    public void TailCallsDoNotGrowTheCallDepth()
    {
        const string clif = """
            function %count(i64, i64) -> i64 tail {
                fn0 = %count(i64, i64) -> i64 tail
            block0(v0: i64, v1: i64):
                brif v0, block1, block2
            block1:
                v2 = iadd_imm v0, -1
                v3 = iadd_imm v1, 1
                return_call fn0(v2, v3)
            block2:
                return v1
            }
            """;
        var r = Run(clif, "count", new InterpreterOptions { MaxCallDepth = 10 }, I64(5000), I64(0));
        Assert.IsNull(r.Unsupported, r.Unsupported);
        Assert.IsNull(r.Trap);
        Assert.AreEqual(5000L, r.Returns[0].AsInt64());
    }

    [TestMethod]
    public void LimitsStopRunawayFunctions()
    {
        const string clif = """
            function %spin() {
            block0:
                jump block0
            }
            function %deep(i64) -> i64 {
                fn0 = %deep(i64) -> i64
            block0(v0: i64):
                v1 = call fn0(v0)
                return v1
            }
            """;
        var spin = Run(clif, "spin", new InterpreterOptions { MaxSteps = 1000 });
        Assert.AreEqual("step limit", spin.Unsupported);
        var deep = Run(clif, "deep", new InterpreterOptions { MaxCallDepth = 50 }, I64(1));
        Assert.AreEqual(TrapCode.StackOverflow, deep.Trap);
    }

    [TestMethod]
    public void PinnedRegisterIsSharedWithCallees()
    {
        const string clif = """
            function %read() -> i64 {
            block0:
                v0 = get_pinned_reg.i64
                return v0
            }
            function %f(i64) -> i64 {
                fn0 = %read() -> i64
            block0(v0: i64):
                set_pinned_reg v0
                v1 = call fn0()
                return v1
            }
            """;
        Assert.AreEqual(-9L, Single(clif, "f", I64(-9)).AsInt64());
    }

    [TestMethod]
    public void TrapsCarryTheirCode()
    {
        const string clif = """
            function %f(i32) -> i32 {
            block0(v0: i32):
                trapnz v0, user3
                trapz v0, int_ovf
                return v0
            }
            """;
        Assert.AreEqual(TrapCode.User(3), Trap(clif, "f", I32(1)));
        Assert.AreEqual(TrapCode.IntegerOverflow, Trap(clif, "f", I32(0)));
    }

    [TestMethod]
    public void OutOfScopeConstructsAreReportedNotThrown()
    {
        const string clif = """
            function %vec(i32x4) -> i32x4 {
            block0(v0: i32x4):
                v1 = iadd v0, v0
                return v1
            }
            function %missing(i32) -> i32 {
                fn0 = %elsewhere(i32) -> i32
            block0(v0: i32):
                v1 = call fn0(v0)
                return v1
            }
            function %f(i32) -> i32 {
            block0(v0: i32):
                return v0
            }
            """;
        var vec = Run(clif, "vec", new DataValue(IrType.Vector(IrType.I32, 4), 1));
        Assert.IsNotNull(vec.Unsupported);
        StringAssert.Contains(Run(clif, "missing", I32(1)).Unsupported, "elsewhere");
        StringAssert.Contains(Run(clif, "f").Unsupported, "argument");
    }

    [TestMethod]
    public void GlobalValuesChainFromVmctx()
    {
        const string clif = """
            function %load_via_vmctx(i64 vmctx) -> i64 {
                gv0 = vmctx
                gv1 = load.i64 notrap aligned gv0+8
                gv2 = iadd_imm.i64 gv1, 3
            block0(v0: i64):
                v1 = global_value.i64 gv2
                return v1
            }
            function %f(i64) -> i64 {
                fn0 = %load_via_vmctx(i64 vmctx) -> i64
                ss0 = explicit_slot 16
            block0(v0: i64):
                stack_store v0, ss0+8
                v1 = stack_addr.i64 ss0
                v2 = call fn0(v1)
                return v2
            }
            """;
        Assert.AreEqual(103L, Single(clif, "f", I64(100)).AsInt64());
    }
}
