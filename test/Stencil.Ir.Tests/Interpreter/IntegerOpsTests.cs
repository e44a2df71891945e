using Stencil.Ir.Interpretation;
using static Stencil.Ir.Tests.Interpreter.Clif;

namespace Stencil.Ir.Tests.Interpreter;

[TestClass]
public sealed class IntegerOpsTests
{
    private static string Binary(string op, string ty) => $$"""
        function %f({{ty}}, {{ty}}) -> {{ty}} {
        block0(v0: {{ty}}, v1: {{ty}}):
            v2 = {{op}} v0, v1
            return v2
        }
        """;

    private static string Unary(string op, string ty) => $$"""
        function %f({{ty}}) -> {{ty}} {
        block0(v0: {{ty}}):
            v1 = {{op}} v0
            return v1
        }
        """;

    [TestMethod]
    public void ArithmeticWrapsAtTheOperandWidth()
    {
        Assert.AreEqual(-128L, Single(Binary("iadd", "i8"), "f", I8(127), I8(1)).AsInt64());
        Assert.AreEqual(0xFFFFUL, Single(Binary("isub", "i16"), "f", I16(0), I16(1)).AsUInt64());
        Assert.AreEqual(Int128.MinValue, Single(Binary("iadd", "i128"), "f", I128(Int128.MaxValue), I128(1)).AsInt128());
        Assert.AreEqual(0L, Single(Binary("imul", "i64"), "f", I64(1L << 32), I64(1L << 32)).AsInt64());
    }

    [TestMethod]
    public void DivisionTrapsOnZeroAndSignedOverflow()
    {
        Assert.AreEqual(TrapCode.IntegerDivisionByZero, Trap(Binary("udiv", "i32"), "f", I32(7), I32(0)));
        Assert.AreEqual(TrapCode.IntegerDivisionByZero, Trap(Binary("srem", "i64"), "f", I64(7), I64(0)));
        Assert.AreEqual(TrapCode.IntegerOverflow, Trap(Binary("sdiv", "i32"), "f", I32(int.MinValue), I32(-1)));
        Assert.AreEqual(TrapCode.IntegerOverflow, Trap(Binary("sdiv", "i128"), "f", I128(Int128.MinValue), I128(-1)));
        Assert.AreEqual(0L, Single(Binary("srem", "i8"), "f", I8(-128), I8(-1)).AsInt64());
        Assert.AreEqual(-2L, Single(Binary("sdiv", "i16"), "f", I16(-7), I16(3)).AsInt64());
        Assert.AreEqual(-1L, Single(Binary("srem", "i16"), "f", I16(-7), I16(3)).AsInt64());
        Assert.AreEqual(0x55L, Single(Binary("udiv", "i8"), "f", I8(-1), I8(3)).AsInt64());
    }

    [TestMethod]
    public void ShiftsAndRotatesTakeTheAmountModuloTheWidth()
    {
        Assert.AreEqual(2L, Single(Binary("ishl", "i32"), "f", I32(1), I32(33)).AsInt64());
        Assert.AreEqual(-1L, Single(Binary("sshr", "i64"), "f", I64(-16), I64(68)).AsInt64());
        Assert.AreEqual(0x0FFFFFFFUL, Single(Binary("ushr", "i32"), "f", I32(-1), I32(4)).AsUInt64());
        Assert.AreEqual(0x2004UL, Single(Binary("rotl", "i16"), "f", I16(0x1002), I16(17)).AsUInt64());
        Assert.AreEqual(0x8001UL, Single(Binary("rotr", "i16"), "f", I16(0x0003), I16(1)).AsUInt64());
        Assert.AreEqual(Int128.One << 127, Single(Binary("ishl", "i128"), "f", I128(1), I128(127)).AsInt128());
    }

    [TestMethod]
    public void BitCountsCoverEveryWidth()
    {
        Assert.AreEqual(31L, Single(Unary("clz", "i32"), "f", I32(1)).AsInt64());
        Assert.AreEqual(128L, Single(Unary("ctz", "i128"), "f", I128(0)).AsInt64());
        Assert.AreEqual(64L, Single(Unary("ctz", "i128"), "f", I128(Int128.One << 64)).AsInt64());
        Assert.AreEqual(7L, Single(Unary("cls", "i8"), "f", I8(-1)).AsInt64());
        Assert.AreEqual(2L, Single(Unary("cls", "i16"), "f", I16(unchecked((short)0xE000))).AsInt64());
        Assert.AreEqual(64L, Single(Unary("popcnt", "i64"), "f", I64(-1)).AsInt64());
        Assert.AreEqual(0x80UL, Single(Unary("bitrev", "i8"), "f", I8(1)).AsUInt64());
        Assert.AreEqual(0x78563412UL, Single(Unary("bswap", "i32"), "f", I32(0x12345678)).AsUInt64());
    }

    [TestMethod]
    public void SaturatingAndMinMaxRespectSignedness()
    {
        Assert.AreEqual(127L, Single(Binary("sadd_sat", "i8"), "f", I8(100), I8(100)).AsInt64());
        Assert.AreEqual(-128L, Single(Binary("ssub_sat", "i8"), "f", I8(-100), I8(100)).AsInt64());
        Assert.AreEqual(0xFFUL, Single(Binary("uadd_sat", "i8"), "f", I8(200), I8(100)).AsUInt64());
        Assert.AreEqual(0UL, Single(Binary("usub_sat", "i8"), "f", I8(1), I8(2)).AsUInt64());
        Assert.AreEqual(-1L, Single(Binary("smin", "i32"), "f", I32(-1), I32(1)).AsInt64());
        Assert.AreEqual(-1L, Single(Binary("umax", "i32"), "f", I32(-1), I32(1)).AsInt64());
        Assert.AreEqual(-1L, Single(Binary("smulhi", "i64"), "f", I64(-2), I64(3)).AsInt64());
        Assert.AreEqual(1L, Single(Binary("umulhi", "i64"), "f", I64(1L << 32), I64(1L << 32)).AsInt64());
    }

    [TestMethod]
    public void OverflowFormsReturnTheWrappedValueAndAFlag()
    {
        const string clif = """
            function %f(i8, i8) -> i8, i8 {
            block0(v0: i8, v1: i8):
                v2, v3 = sadd_overflow v0, v1
                return v2, v3
            }
            function %g(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = uadd_overflow_trap v0, v1, user7
                return v2
            }
            """;
        var r = Run(clif, "f", I8(127), I8(1));
        Assert.AreEqual(-128L, r.Returns[0].AsInt64());
        Assert.AreEqual(1L, r.Returns[1].AsInt64());
        Assert.AreEqual(TrapCode.User(7), Trap(clif, "g", I32(-1), I32(1)));
        Assert.AreEqual(3L, Single(clif, "g", I32(1), I32(2)).AsInt64());
    }

    [TestMethod]
    public void ComparisonsAndSelection()
    {
        const string clif = """
            function %f(i128, i128) -> i8 {
            block0(v0: i128, v1: i128):
                v2 = icmp slt v0, v1
                v3 = icmp ult v0, v1
                v4 = ishl_imm v2, 1
                v5 = bor v4, v3
                return v5
            }
            function %g(i8, i64, i64) -> i64 {
            block0(v0: i8, v1: i64, v2: i64):
                v3 = select v0, v1, v2
                v4 = bitselect v1, v2, v3
                return v4
            }
            """;
        Assert.AreEqual(2L, Single(clif, "f", I128(-1), I128(0)).AsInt64());
        Assert.AreEqual(3L, Single(clif, "f", I128(0), I128(Int128.One << 100)).AsInt64());
        Assert.AreEqual(0xF0F0L, Single(clif, "g", I8(0), I64(0xFF00), I64(0xF0F0)).AsInt64());
    }
}
