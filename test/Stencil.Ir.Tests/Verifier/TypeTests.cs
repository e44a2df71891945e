using Stencil.Ir.Entities;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

/// <summary>Operand counts and types, result types, type classes and immediates: STN2003, STN2004, STN2005, STN2013, STN2014.</summary>
[TestClass]
public sealed class TypeTests
{
    private static readonly IrType I8 = IrType.I8, I16 = IrType.I16, I32 = IrType.I32, I64 = IrType.I64, I128 = IrType.I128,
        F32 = IrType.F32, F64 = IrType.F64;

    /// <summary>A function taking the given parameters that runs <paramref name="body"/> and then returns nothing.</summary>
    private static Function With(IrType[] ps, Action<Function, FuncCursor, Block, IReadOnlyList<Value>> body)
    {
        var (f, c, entry, vs) = Start(ps);
        body(f, c, entry, vs);
        c.AtBottom(entry).Ins().Return();
        return f;
    }

    [TestMethod]
    public void MismatchedArgumentsNameBothTypes()
    {
        var f = With([I32, I64], (f, _, b, p) => Raw(f, b, new InstructionData(Opcode.Iadd, p[0], p[1]), I32));
        var d = AssertCodes(f, "STN2003");
        Assert.AreEqual("inst0 (`iadd v0, v1`): arguments have types i32 and i64", d[0].Message);
    }

    [TestMethod]
    public void OperandOfWrongClassIsReported()
    {
        var f = With([I64, F32, F64], (f, _, b, p) =>
        {
            Raw(f, b, new InstructionData(Opcode.Ishl, p[0], p[1]), I64);
            Raw(f, b, new InstructionData(Opcode.Load, p[2]) { ControllingType = I32 }, I32);
            Raw(f, b, new InstructionData(Opcode.Brif, p[1]) { Destinations = [] });
        });
        var d = AssertCodes(f, "STN2003", "STN2003", "STN2004", "STN2014", "STN2002");
        AssertMessageContains(d[0], "operand 2 (v1) has type f32", "a scalar integer type");
        AssertMessageContains(d[1], "operand 1 (v2) has type f64", "an address type");
        AssertMessageContains(d[3], "`brif` does not accept f32");
    }

    [TestMethod]
    public void WrongOperandAndDestinationCountsAreReported()
    {
        var f = With([I32], (f, _, b, p) =>
        {
            Raw(f, b, new InstructionData(Opcode.Iadd, p[0]), I32);
            Raw(f, b, new InstructionData(Opcode.Iconst, p[0]) { ControllingType = I32 }, I32);
        });
        var d = AssertCodes(f, "STN2004", "STN2004");
        AssertMessageContains(d[0], "`iadd` takes 2 value operands, not 1");
        AssertMessageContains(d[1], "`iconst` takes 0 value operands, not 1");

        var (g, _, entry, _) = Start([]);
        Raw(g, entry, new InstructionData(Opcode.Jump));
        var e = AssertCodes(g, "STN2004");
        AssertMessageContains(e[0], "`jump` takes 1 branch destination, not 0");
    }

    [TestMethod]
    public void CallIndirectWithoutCalleeIsAnOperandCountError()
    {
        var (f, _, entry, _) = Start([]);
        var sig = f.ImportSignature(Sig([]));
        Raw(f, entry, new InstructionData(Opcode.CallIndirect) { SigRef = sig });
        Raw(f, entry, new InstructionData(Opcode.Return));
        AssertCodes(f, "STN2004");
    }

    [TestMethod]
    public void WrongResultTypesAreReported()
    {
        var f = With([I32], (f, _, b, p) =>
        {
            Raw(f, b, new InstructionData(Opcode.Iadd, p[0], p[0]), I64);
            Raw(f, b, new InstructionData(Opcode.Icmp, p[0], p[0]));
            Raw(f, b, new InstructionData(Opcode.Iconst) { Imm = 1 });
            var wide = f.Dfg.FirstResult(Raw(f, b, new InstructionData(Opcode.Iconst) { ControllingType = I128 }, I128));
            Raw(f, b, new InstructionData(Opcode.Iconcat, wide, wide), I128);
        });
        var d = AssertCodes(f, "STN2005", "STN2005", "STN2005", "STN2005");
        AssertMessageContains(d[0], "result v1 has type i64, but `iadd` produces i32");
        AssertMessageContains(d[1], "has 0 results, but `icmp` produces 1");
        AssertMessageContains(d[2], "`iconst` needs an explicit controlling type");
        AssertMessageContains(d[3], "cannot be derived from controlling type i128");
    }

    [TestMethod]
    public void GlobalValueTypeMustMatch()
    {
        var f = With([], (f, _, b, _) =>
        {
            var gv = f.CreateGlobalValue(GlobalValueData.VMContext());
            Raw(f, b, new InstructionData(Opcode.GlobalValue) { ControllingType = I32, GlobalValue = gv }, I32);
        });
        var d = AssertCodes(f, "STN2005");
        AssertMessageContains(d[0], "differs from the type i64 of gv0");
    }

    [TestMethod]
    public void OpcodeRejectsControllingTypeOfWrongClass()
    {
        var f = With([F32, I32, F64, I64], (f, c, b, p) =>
        {
            Raw(f, b, new InstructionData(Opcode.Iadd, p[0], p[0]), F32);
            Raw(f, b, new InstructionData(Opcode.Fadd, p[1], p[1]), I32);
            Raw(f, b, new InstructionData(Opcode.Icmp, p[2], p[2]), I8);
            Raw(f, b, new InstructionData(Opcode.Fcmp, p[3], p[3]), I8);
            Raw(f, b, new InstructionData(Opcode.Uload8, p[3]) { ControllingType = F32 }, F32);
        });
        var d = AssertCodes(f, "STN2014", "STN2014", "STN2014", "STN2014", "STN2014");
        AssertMessageContains(d[0], "`iadd` does not accept f32; it needs an integer type");
        AssertMessageContains(d[1], "`fadd` does not accept i32; it needs a float type");
        AssertMessageContains(d[2], "`icmp` does not accept f64");
        AssertMessageContains(d[3], "`fcmp` does not accept i64");
        AssertMessageContains(d[4], "`uload8` does not accept f32");
    }

    [TestMethod]
    public void ConversionSizeRulesAreEnforced()
    {
        var f = With([I64, I32, F32], (f, _, b, p) =>
        {
            Raw(f, b, new InstructionData(Opcode.Uextend, p[0]) { ControllingType = I32 }, I32);
            Raw(f, b, new InstructionData(Opcode.Ireduce, p[1]) { ControllingType = I64 }, I64);
            Raw(f, b, new InstructionData(Opcode.Bitcast, p[2]) { ControllingType = I64 }, I64);
            Raw(f, b, new InstructionData(Opcode.Fpromote, p[2]) { ControllingType = F32 }, F32);
            Raw(f, b, new InstructionData(Opcode.Uload8, p[0]) { ControllingType = I8 }, I8);
            Raw(f, b, new InstructionData(Opcode.Istore32, p[1], p[0]));
            Raw(f, b, new InstructionData(Opcode.BrTable, p[0]) { JumpTable = f.CreateJumpTable(new JumpTableData(BlockCall.To(b), [])) });
        });
        // The br_table makes block0 branch to itself mid-block (without its parameters); only its index type matters here.
        var d = AssertCodes(f, "STN2014", "STN2014", "STN2014", "STN2014", "STN2014", "STN2014", "STN2014", "STN2008", "STN2002");
        AssertMessageContains(d[0], "converts i64 to i32, but the result must be wider");
        AssertMessageContains(d[1], "converts i32 to i64, but the result must be narrower");
        AssertMessageContains(d[2], "bitcast from f32 (32 bits) to i64 (64 bits) changes the size");
        AssertMessageContains(d[3], "converts f32 to f32");
        AssertMessageContains(d[4], "accesses 8 bits of memory", "not i8");
        AssertMessageContains(d[5], "accesses 32 bits of memory", "not i32");
        AssertMessageContains(d[6], "`br_table` works on i32 only, not i64");
    }

    [TestMethod]
    public void ImmediatesOutOfRangeAreReported()
    {
        var i32x4 = IrType.Vector(I32, 4);
        var f = With([I32, i32x4, I16], (f, _, b, p) =>
        {
            var slot = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 8));
            Raw(f, b, new InstructionData(Opcode.Iconst) { ControllingType = I8, Imm = 300 }, I8);
            Raw(f, b, new InstructionData(Opcode.Iconst) { ControllingType = I8, Imm = -129 }, I8);
            Raw(f, b, new InstructionData(Opcode.IshlImm, p[0]) { Imm = 32 }, I32);
            Raw(f, b, new InstructionData(Opcode.Extractlane, p[1]) { Imm = 4 }, I32);
            Raw(f, b, new InstructionData(Opcode.StackLoad) { ControllingType = I64, StackSlot = slot, Offset = 4 }, I64);
            Raw(f, b, new InstructionData(Opcode.Vconst) { ControllingType = i32x4, Constant = f.CreateConstant(new byte[8]) }, i32x4);
            Raw(f, b, new InstructionData(Opcode.IaddImm, p[2]) { Imm = 70000 }, I16);
        });
        var d = AssertCodes(f, "STN2013", "STN2013", "STN2013", "STN2013", "STN2013", "STN2013", "STN2013");
        AssertMessageContains(d[0], "immediate 300 does not fit in i8");
        AssertMessageContains(d[1], "immediate -129 does not fit in i8");
        AssertMessageContains(d[2], "shift amount 32 is not below the lane width 32");
        AssertMessageContains(d[3], "lane index 4 is out of range for i32x4");
        AssertMessageContains(d[4], "accessing 8 bytes at offset 4 goes outside ss0 (8 bytes)");
        AssertMessageContains(d[5], "const0 holds 8 bytes, but i32x4 needs 16");
        AssertMessageContains(d[6], "immediate 70000 does not fit in i16");
    }

    [TestMethod]
    public void ImmediatesAtTheEdgesAreAccepted()
    {
        var f = With([I32], (f, c, b, p) =>
        {
            c.AtBottom(b);
            c.Ins().Iconst(I8, -128);
            c.Ins().Iconst(I8, 255);
            c.Ins().Iconst(I64, long.MinValue);
            c.Ins().BinaryImm(Opcode.UshrImm, p[0], 31);
            c.Ins().BinaryImm(Opcode.IaddImm, p[0], uint.MaxValue);
        });
        AssertClean(f);
    }

    [TestMethod]
    public void MalformedTypeCodeIsReportedNotThrown()
    {
        var bad = IrType.FromCode(0xF3); // i32 lanes, 2^15 of them: packable, but not a type
        var f = With([], (f, _, b, _) => Raw(f, b, new InstructionData(Opcode.Iconst) { ControllingType = bad }, bad));
        var d = AssertCodes(f, "STN2014");
        AssertMessageContains(d[0], "malformed type 0xf3");
    }
}
