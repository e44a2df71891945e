using Stencil.Ir.Entities;

namespace Stencil.Ir.Tests.Core;

[TestClass]
public sealed class DataFlowGraphResultTests
{
    [TestMethod]
    public void ResultsKeepTheirOrderAndNumbers()
    {
        var dfg = new DataFlowGraph();
        var none = dfg.MakeInst(new InstructionData(Opcode.Nop));
        var inst = dfg.MakeInst(new InstructionData(Opcode.Iconst) { ControllingType = IrType.I32 });
        Assert.IsFalse(dfg.HasResults(none));
        Assert.IsEmpty(dfg.InstResults(none));
        Assert.ThrowsExactly<InvalidOperationException>(() => dfg.FirstResult(none));

        var a = dfg.AppendResult(inst, IrType.I32);
        var one = dfg.InstResults(inst);
        var b = dfg.AppendResult(inst, IrType.I8);
        var c = dfg.AppendResult(inst, IrType.I64);
        CollectionAssert.AreEqual(new[] { a }, one.ToArray(), "a list handed out earlier keeps the results it had");
        CollectionAssert.AreEqual(new[] { a, b, c }, dfg.InstResults(inst).ToArray());
        Assert.AreEqual(a, dfg.FirstResult(inst));
        Assert.AreEqual(new ValueDef(ValueDefKind.Result, inst.Index, 2), dfg.ValueDef(c));
        Assert.AreEqual(IrType.I8, dfg.ValueType(b));
    }

    [TestMethod]
    public void AnInstructionThatDoesNotExistHasNoResultsToRead()
    {
        var dfg = new DataFlowGraph();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => dfg.InstResults(new Inst(3)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => dfg.AppendResult(new Inst(0), IrType.I32));
    }

    [TestMethod]
    public void ExpectedResultTypesFollowTheOpcodeRule()
    {
        var f = new Function();
        var sig = new Signature();
        sig.Returns.Add(new AbiParam(IrType.I64));
        sig.Returns.Add(new AbiParam(IrType.F32));
        var callee = f.ImportUserFunction(Names.UserExternalName.FromSymbol("g"), sig);
        var dfg = f.Dfg;
        var call = dfg.MakeInst(new InstructionData(Opcode.Call) { FuncRef = callee });
        var split = dfg.MakeInst(new InstructionData(Opcode.Isplit) { ControllingType = IrType.I128 });
        var overflow = dfg.MakeInst(new InstructionData(Opcode.UaddOverflow) { ControllingType = IrType.I16 });
        var untyped = dfg.MakeInst(new InstructionData(Opcode.Iadd));
        CollectionAssert.AreEqual(new[] { IrType.I64, IrType.F32 }, dfg.ExpectedResultTypes(call)!.ToArray());
        CollectionAssert.AreEqual(new[] { IrType.I64, IrType.I64 }, dfg.ExpectedResultTypes(split)!.ToArray());
        CollectionAssert.AreEqual(new[] { IrType.I16, IrType.I8 }, dfg.ExpectedResultTypes(overflow)!.ToArray());
        Assert.IsNull(dfg.ExpectedResultTypes(untyped));
        Assert.IsTrue(dfg.TryMakeInstResults(call));
        CollectionAssert.AreEqual(new[] { IrType.I64, IrType.F32 }, dfg.InstResults(call).Select(dfg.ValueType).ToArray());
    }
}
