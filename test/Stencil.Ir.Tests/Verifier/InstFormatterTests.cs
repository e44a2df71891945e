using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Ir.Verification;
using static Stencil.Ir.Tests.Verifier.VerifierTestKit;

namespace Stencil.Ir.Tests.Verifier;

[TestClass]
public sealed class InstFormatterTests
{
    private static readonly IrType I32 = IrType.I32, I64 = IrType.I64;

    [TestMethod]
    public void FormatsEachOperandShapeLikeClif()
    {
        var (f, c, entry, ps) = Start([I64, I32]);
        var slot = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 16));
        var callee = f.ImportUserFunction(UserExternalName.FromSymbol("g"), Sig([I32]));
        var sig = f.ImportSignature(Sig([I32]));
        var next = f.Dfg.MakeBlock();
        f.Dfg.AppendBlockParam(next, I32);
        var expected = new List<(Inst Inst, string Text)>
        {
            (f.Dfg.ValueDef(c.Ins().Iconst(I32, -5)).Inst, "iconst.i32 -5"),
            (f.Dfg.ValueDef(c.Ins().Load(I32, MemFlags.Trusted, ps[0], 8)).Inst, "load.i32 notrap aligned v0+8"),
            (c.Ins().Store(MemFlags.None, ps[1], ps[0], -4), "store v1, v0-4"),
            (f.Dfg.ValueDef(c.Ins().Icmp(IntCC.UnsignedLessThan, ps[1], ps[1])).Inst, "icmp ult v1, v1"),
            (f.Dfg.ValueDef(c.Ins().IcmpImm(IntCC.Equal, ps[1], 7)).Inst, "icmp_imm eq v1, 7"),
            (f.Dfg.ValueDef(c.Ins().StackLoad(I32, slot, 4)).Inst, "stack_load.i32 ss0+4"),
            (c.Ins().StackStore(ps[1], slot, 0), "stack_store v1, ss0"),
            (c.Ins().Call(callee, ps[1]), "call fn0(v1)"),
            (c.Ins().CallIndirect(sig, ps[0], ps[1]), "call_indirect sig1, v0(v1)"),
            (c.Ins().Trapnz(ps[1], TrapCode.IntegerOverflow), "trapnz v1, int_ovf"),
            (c.Ins().Brif(ps[1], next, [ps[1]], next, [ps[1]]), "brif v1, block1(v1), block1(v1)"),
        };
        foreach (var (inst, text) in expected)
            Assert.AreEqual(text, InstFormatter.Format(f, inst));
        _ = entry;
    }

    [TestMethod]
    public void MalformedInstructionsStillFormat()
    {
        var (f, _, entry, _) = Start([]);
        var weird = Raw(f, entry, new InstructionData(Opcode.Icmp, new Value(40)) { IntCond = (IntCC)200, ControllingType = IrType.FromCode(0xFC) });
        var unknown = Raw(f, entry, new InstructionData((Opcode)5000));
        Assert.AreEqual("icmp.<malformed type 0xfc> <cc 200> v40", InstFormatter.Format(f, weird));
        Assert.AreEqual("<opcode 5000>", InstFormatter.Format(f, unknown));
        Assert.AreEqual("inst99", InstFormatter.Format(f, new Inst(99)));
    }
}
