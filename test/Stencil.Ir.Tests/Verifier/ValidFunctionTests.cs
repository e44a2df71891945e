using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

[TestClass]
public sealed class ValidFunctionTests
{
    private static readonly IrType I8 = IrType.I8, I16 = IrType.I16, I32 = IrType.I32, I64 = IrType.I64, F32 = IrType.F32, F64 = IrType.F64;

    /// <summary>sum(n) = helper(0) + ... + helper(n-1): a loop with block parameters and a call.</summary>
    internal static Function LoopWithCall()
    {
        var (f, c, _, ps) = Start([I64], I64);
        var helper = f.ImportUserFunction(UserExternalName.FromSymbol("helper"), Sig([I64], I64));
        var zero = c.Ins().Iconst(I64, 0);
        var head = f.Dfg.MakeBlock();
        var body = f.Dfg.MakeBlock();
        var exit = f.Dfg.MakeBlock();
        var i = f.Dfg.AppendBlockParam(head, I64);
        var acc = f.Dfg.AppendBlockParam(head, I64);
        var result = f.Dfg.AppendBlockParam(exit, I64);
        c.Ins().Jump(head, zero, zero);
        c.AtBottom(head);
        var done = c.Ins().Icmp(IntCC.SignedGreaterThanOrEqual, i, ps[0]);
        c.Ins().Brif(done, exit, [acc], body, []);
        c.AtBottom(body);
        var call = c.Ins().Call(helper, i);
        var acc2 = c.Ins().Iadd(acc, f.Dfg.FirstResult(call));
        var i2 = c.Ins().IaddImm(i, 1);
        c.Ins().Jump(head, i2, acc2);
        c.AtBottom(exit);
        c.Ins().Return(result);
        return f;
    }

    [TestMethod]
    public void LoopWithCallIsClean() => AssertClean(LoopWithCall());

    [TestMethod]
    public void BrTableWithArgumentsIsClean()
    {
        var (f, c, _, ps) = Start([I32], I64);
        var a = f.Dfg.MakeBlock();
        var b = f.Dfg.MakeBlock();
        var join = f.Dfg.MakeBlock();
        var pa = f.Dfg.AppendBlockParam(a, I64);
        var r = f.Dfg.AppendBlockParam(join, I64);
        var seven = c.Ins().Iconst(I64, 7);
        var jt = f.CreateJumpTable(new JumpTableData(BlockCall.To(b), [BlockCall.To(a, seven), BlockCall.To(b), BlockCall.To(a, seven)]));
        c.Ins().BrTable(ps[0], jt);
        c.AtBottom(a);
        c.Ins().Jump(join, pa);
        c.AtBottom(b);
        var nine = c.Ins().Iconst(I64, 9);
        c.Ins().Jump(join, nine);
        c.AtBottom(join);
        c.Ins().Return(r);
        AssertClean(f);
    }

    [TestMethod]
    public void MemoryCallsConversionsAndFloatsAreClean()
    {
        var (f, c, _, ps) = Start([I64, I32, F64], F32, I8);
        var slot = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 16, 3));
        var vmctx = f.CreateGlobalValue(GlobalValueData.VMContext());
        var callee = f.ImportUserFunction(UserExternalName.FromSymbol("g"), Sig([I32, F64], I64));
        var sig = f.ImportSignature(Sig([I32, F64], I64));

        var ctx = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.GlobalValue) { ControllingType = I64, GlobalValue = vmctx }));
        c.Ins().StackStore(ps[1], slot, 4);
        var reloaded = c.Ins().StackLoad(I32, slot, 4);
        var addr = c.Ins().StackAddr(I64, slot, 0);
        c.Ins().Store(MemFlags.Trusted, ps[0], addr, 8);
        var loaded = c.Ins().Load(I64, MemFlags.Trusted, addr, 8);
        var byteVal = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Uload8, ctx) { ControllingType = I32, Flags = MemFlags.Trusted }));
        var wide = c.Ins().Convert(Opcode.Uextend, I64, reloaded);
        var narrow = c.Ins().Convert(Opcode.Ireduce, I16, loaded);
        var bits = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Bitcast, ps[2]) { ControllingType = I64 }));
        c.Ins().Call(callee, byteVal, ps[2]);
        var fp = c.Ins().FuncAddr(I64, callee);
        c.Ins().CallIndirect(sig, fp, ps[1], ps[2]);
        var shifted = c.Ins().BinaryImm(Opcode.IshlImm, wide, 63);
        var masked = c.Ins().BinaryImm(Opcode.BandImm, narrow, -1);
        var neg = c.Ins().Iconst(I8, -1);
        var big = c.Ins().Iconst(I8, 255);
        var same = c.Ins().Icmp(IntCC.Equal, neg, big);
        c.Ins().Trapz(same, TrapCode.Unreachable);
        var sum = c.Ins().Iadd(shifted, bits);
        var cmp = c.Ins().IcmpImm(IntCC.UnsignedLessThan, sum, 1000);
        var sel = c.Ins().Select(cmp, masked, narrow);
        var half = c.Ins().Convert(Opcode.Fdemote, F32, ps[2]);
        var two = c.Ins().F32const(2.0f);
        var prod = c.Ins().Binary(Opcode.Fmul, half, two);
        var lt = c.Ins().Fcmp(FloatCC.LessThan, prod, two);
        var ext = c.Ins().Convert(Opcode.Sextend, I64, sel);
        var flag = c.Ins().Binary(Opcode.Bor, lt, c.Ins().Convert(Opcode.Ireduce, I8, ext));
        c.Ins().Return(prod, flag);
        AssertClean(f);
    }

    [TestMethod]
    public void VectorInstructionsAreClean()
    {
        var i32x4 = IrType.Vector(I32, 4);
        var i8x16 = IrType.Vector(I8, 16);
        var (f, c, _, ps) = Start([I32], I32);
        var k = f.CreateConstant(new byte[16]);
        var mask = f.CreateConstant(Enumerable.Range(0, 16).Select(i => (byte)(i * 2)).ToArray());
        var v = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Vconst) { ControllingType = i32x4, Constant = k }));
        var s = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Splat, ps[0]) { ControllingType = i32x4 }));
        var sum = c.Ins().Iadd(v, s);
        var ins = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Insertlane, sum, ps[0]) { Imm = 3 }));
        var bytes = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Bitcast, ins) { ControllingType = i8x16 }));
        var shuf = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Shuffle, bytes, bytes) { Constant = mask }));
        var back = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Bitcast, shuf) { ControllingType = i32x4 }));
        var lane = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Extractlane, back) { Imm = 3 }));
        var floats = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.Bitcast, back) { ControllingType = IrType.Vector(F32, 4) }));
        var signs = c.Func.Dfg.FirstResult(c.Insert(new InstructionData(Opcode.VhighBits, floats) { ControllingType = I32 }));
        c.Ins().Return(c.Ins().Bor(lane, signs));
        AssertClean(f);
    }

    [TestMethod]
    public void UseInUnreachableBlockIsNotADominanceError()
    {
        // Cranelift's rule: dominance is only meaningful where control can arrive.
        var (f, c, _, _) = Start([], I32);
        var x = c.Ins().Iconst(I32, 1);
        var exit = f.Dfg.MakeBlock();
        c.Ins().Jump(exit);
        var dead = c.InsertBlock();
        // entry does not dominate an unreachable block, yet using its value here is allowed
        var y = c.Ins().Iadd(x, x);
        c.Ins().Jump(exit);
        c.AtBottom(exit);
        c.Ins().Return(x);
        _ = y;
        AssertClean(f);
    }

    [TestMethod]
    public void VerifyingTwiceGivesTheSameResult()
    {
        var f = LoopWithCall();
        f.Dfg[f.Layout.BlockInsts(f.Layout.Blocks[2])[1]].Args[0] = new Value(999);
        var first = Stencil.Ir.Verification.Verifier.Verify(f);
        var second = Stencil.Ir.Verification.Verifier.Verify(f);
        Assert.IsTrue(first.Count > 0);
        CollectionAssert.AreEqual(first.ToArray(), second.ToArray());
    }
}
