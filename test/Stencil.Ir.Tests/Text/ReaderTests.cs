using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class ReaderTests
{
    private const string Preamble = """
        test compile
        set opt_level=speed
        set enable_probestack
        target x86_64 has_avx=false skylake

        function %caller(i64 vmctx, i32) -> i64 system_v {
            ss0 = explicit_slot 8, align = 16
            gv0 = vmctx
            gv1 = load.i64 notrap aligned gv0+8
            gv2 = symbol colocated %table
            gv3 = iadd_imm.i64 gv0, 16
            sig0 = (i64) -> i64 system_v
            fn0 = %bar(i64) -> i64
            fn1 = colocated %baz sig0
            fn2 = %Memcmp(i64, i64, i64) -> i32
            const0 = 0x0102

        block0(v0: i64, v1: i32):
            v2 = global_value.i64 gv1
            v3 = call fn0(v2)
            v4 = call_indirect sig0, v3(v0)
            br_table v1, block1(v4), [block1(v3), block2]

        block1(v5: i64):
            return v5

        block2:
            v6 = stack_load.i64 ss0+4
            return v6
        }
        ; run: %caller(1, 2) == 3
        ; print: %caller(0, 0)
        ; just a comment
        """;

    [TestMethod]
    public void ReadsHeaderPreambleAndDirectives()
    {
        var file = ClifReader.ParseFile(Preamble, "p.clif");
        Assert.AreEqual("compile", file.TestCommands.Single().Name);
        Assert.AreEqual(("opt_level", "speed"), (file.Settings[0].Name, file.Settings[0].Value));
        Assert.AreEqual(("enable_probestack", (string?)null), (file.Settings[1].Name, file.Settings[1].Value));
        var target = file.Targets.Single();
        Assert.AreEqual("x86_64", target.Triple);
        Assert.AreEqual("has_avx=false skylake=", string.Join(" ", target.Flags.Select(f => f.Name + "=" + f.Value)));
        Assert.HasCount(2, target.SharedSettings);

        var entry = file.Functions.Single();
        Assert.AreEqual(new ClifLocation("p.clif", 6, 1), entry.Location);
        Assert.AreEqual(new ClifLocation("p.clif", 30, 1), entry.EndLocation);
        Assert.HasCount(2, entry.Directives);
        Assert.AreEqual(new ClifDirective("run", "%caller(1, 2) == 3", new ClifLocation("p.clif", 31, 1)), entry.Directives[0]);
        Assert.AreEqual("print", entry.Directives[1].Kind);
        Assert.HasCount(3, entry.Comments);

        var f = entry.Function;
        Assert.AreEqual(UserFuncName.FromUser(UserExternalName.FromSymbol("caller")), f.Name);
        Assert.AreEqual(CallConv.SystemV, f.Signature.CallConv);
        Assert.AreEqual(ArgumentPurpose.VMContext, f.Signature.Params[0].Purpose);
        Assert.AreEqual(new StackSlotData(StackSlotKind.ExplicitSlot, 8, 4), f.Stencil.SizedStackSlots[0]);
        Assert.AreEqual(GlobalValueData.Load(new GlobalValue(0), 8, IrType.I64, MemFlags.Trusted), f.Stencil.GlobalValues[1]);
        var sym = f.Stencil.GlobalValues[2];
        Assert.IsTrue(sym.Colocated);
        Assert.AreEqual(UserExternalName.FromSymbol("table"), f.Params.GetUserName(sym.Name.UserRef));
        Assert.AreEqual(GlobalValueData.IAddImm(new GlobalValue(0), 16, IrType.I64), f.Stencil.GlobalValues[3]);

        var bar = f.Dfg.ExtFuncs[0];
        Assert.AreEqual(ExternalNameKind.User, bar.Name.Kind);
        Assert.AreEqual(UserExternalName.FromSymbol("bar"), f.Params.GetUserName(bar.Name.UserRef));
        Assert.AreEqual(new SigRef(1), bar.Signature);
        Assert.AreEqual(new ExtFuncData(f.Dfg.ExtFuncs[1].Name, new SigRef(0), true), f.Dfg.ExtFuncs[1]);
        Assert.AreEqual(ExternalName.FromLibCall(LibCall.Memcmp), f.Dfg.ExtFuncs[2].Name);
        CollectionAssert.AreEqual(new byte[] { 0x02, 0x01 }, f.Dfg.Constants[0]);

        var insts = f.Layout.BlockInsts(new Block(0));
        Assert.AreEqual((19, 5), entry.PositionOf(insts[0]));
        Assert.AreEqual((22, 5), entry.PositionOf(insts[3]));
        var brTable = f.Dfg[insts[3]];
        var jt = f.Dfg.JumpTables[(int)brTable.JumpTable.Index];
        Assert.AreEqual(new Block(1), jt.Default.Block);
        CollectionAssert.AreEqual(new[] { new Value(4) }, jt.Default.Args);
        Assert.HasCount(2, jt.Table);
        Assert.AreEqual(IrType.I64, f.Dfg.ValueType(new Value(4)));
        var load = f.Dfg[f.Layout.BlockInsts(new Block(2))[0]];
        Assert.AreEqual((new StackSlot(0), 4), (load.StackSlot, load.Offset));
    }

    [TestMethod]
    public void KeepsValueAndBlockNumbersAndReadsForwardReferences()
    {
        var f = ClifReader.ParseFunction("""
            function u0:7(i32) -> i32 {
            block3(v10: i32):
                jump block5
            block1:
                v30 = iadd v20, v10
                return v30
            block5:
                v20 = iconst.i32 -1
                jump block1
            }
            """);
        Assert.AreEqual(UserFuncName.FromUser(UserExternalName.FromIndex(0, 7)), f.Name);
        Assert.AreEqual(CallConv.Fast, f.Signature.CallConv);
        CollectionAssert.AreEqual(new[] { new Block(3), new Block(1), new Block(5) }, f.Layout.Blocks.ToArray());
        Assert.AreEqual(new Value(10), f.Dfg.BlockParams(new Block(3))[0]);
        var add = f.Layout.BlockInsts(new Block(1))[0];
        Assert.AreEqual(new Value(30), f.Dfg.FirstResult(add));
        Assert.AreEqual(IrType.I32, f.Dfg.ValueType(new Value(30)));
        var iconst = f.Dfg[f.Layout.BlockInsts(new Block(5))[0]];
        Assert.AreEqual(0xffff_ffffL, iconst.Imm, "iconst immediates are stored zero-extended from the type width");
    }

    [TestMethod]
    public void ReadsResultsAliasesSourceLocationsAndImmediates()
    {
        var f = ClifReader.ParseFunction("""
            function %f(i32, i32) -> i32, i8 {
            block0(v0: i32, v1: i32):
            @0010   v3, v4 = uadd_overflow v0, v1
                    v5 -> v3
            @0012   v6 = f32const 0x1.8p1
                    v7 = f64const -0x0.0p0
                    v8 = icmp_imm.i32 sge v5, -0x10
                    v9 = load.i64 notrap aligned little v0+16
                    store big v9, v1-4
                    v10 = atomic_rmw.i32 little xchg v0, v1
                    trapnz v8, user7
                    v11 = vconst.i32x4 [1 -1 0x7fffffff 0]
                    v12 = shuffle v11, v11, [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15]
                    return v5, v4
            }
            """);
        var insts = f.Layout.BlockInsts(new Block(0));
        var results = f.Dfg.InstResults(insts[0]);
        CollectionAssert.AreEqual(new[] { new Value(3), new Value(4) }, results.ToArray());
        Assert.AreEqual(IrType.I8, f.Dfg.ValueType(new Value(4)));
        Assert.AreEqual(new Value(3), f.Dfg.ResolveAliases(new Value(5)));
        Assert.AreEqual(new SourceLoc(0x10), f.SrcLoc(insts[0]));
        Assert.AreEqual(new SourceLoc(0x12), f.SrcLoc(insts[1]));
        Assert.AreEqual(SourceLoc.Default, f.SrcLoc(insts[2]));
        Assert.AreEqual((long)BitConverter.SingleToUInt32Bits(3.0f), f.Dfg[insts[1]].Imm);
        Assert.AreEqual(unchecked((long)0x8000_0000_0000_0000UL), f.Dfg[insts[2]].Imm);
        var icmp = f.Dfg[insts[3]];
        Assert.AreEqual((IntCC.SignedGreaterThanOrEqual, -16L, IrType.I32), (icmp.IntCond, icmp.Imm, icmp.ControllingType));
        var load = f.Dfg[insts[4]];
        Assert.IsTrue(load.Flags.Notrap && load.Flags.Aligned);
        Assert.AreEqual((Endianness.Little, 16), (load.Flags.Endianness, load.Offset));
        var store = f.Dfg[insts[5]];
        Assert.AreEqual((Endianness.Big, -4), (store.Flags.Endianness, store.Offset));
        CollectionAssert.AreEqual(new[] { new Value(9), new Value(1) }, store.Args);
        Assert.AreEqual(AtomicRmwOp.Xchg, f.Dfg[insts[6]].RmwOp);
        Assert.AreEqual(TrapCode.User(7), f.Dfg[insts[7]].Trap);
        var vconst = f.Dfg.Constants[(int)f.Dfg[insts[8]].Constant.Index];
        CollectionAssert.AreEqual(new byte[] { 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0 }, vconst);
        Assert.HasCount(16, f.Dfg.Constants[(int)f.Dfg[insts[9]].Constant.Index]);
    }

    [TestMethod]
    public void ReadsFunctionsWithoutHeaderAndLegacyJumpTables()
    {
        var fs = ClifReader.ParseFunctions("""
            function %a(i32) {
                jt0 = jump_table [block1, block1]
            block0(v0: i32):
                br_table v0, block1, jt0
            block1:
                return
            }
            function %b() {
            block0:
                return
            }
            """);
        Assert.HasCount(2, fs);
        var jt = fs[0].Dfg.JumpTables.Single();
        Assert.AreEqual(new Block(1), jt.Default.Block);
        Assert.HasCount(2, jt.Table);
    }
}
