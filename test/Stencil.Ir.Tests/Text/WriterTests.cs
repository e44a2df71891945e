using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

[TestClass]
public sealed class WriterTests
{
    [TestMethod]
    public void WritesABuiltFunctionInCraneliftForm()
    {
        var sig = new Signature(CallConv.SystemV);
        sig.Params.Add(new AbiParam(IrType.I64));
        sig.Returns.Add(new AbiParam(IrType.I64));
        var f = new Function(UserFuncName.FromUser(UserExternalName.FromSymbol("sum")), sig);
        var calleeSig = new Signature(CallConv.SystemV);
        calleeSig.Params.Add(new AbiParam(IrType.I64));
        calleeSig.Returns.Add(new AbiParam(IrType.I64));
        var fn = f.ImportUserFunction(UserExternalName.FromSymbol("helper"), calleeSig);
        var ss = f.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, 16, 3));
        var c = new FuncCursor(f);
        var entry = c.InsertBlock();
        var n = f.Dfg.AppendBlockParam(entry, IrType.I64);
        var big = c.Ins().Iconst(IrType.I64, -20_000);
        var sum = c.Ins().Iadd(n, big);
        c.Ins().StackStore(sum, ss, 8);
        var call = c.Ins().Call(fn, sum);
        var r = f.Dfg.FirstResult(call);
        var neg = c.Ins().Iconst(IrType.I32, 0xffff_fffe);
        var one = c.Ins().F64const(1.0);
        var exit = f.Dfg.MakeBlock();
        c.Ins().Brif(r, exit, [r], exit, [sum]);
        c.AtBottom(exit);
        var p = f.Dfg.AppendBlockParam(exit, IrType.I64);
        c.Ins().Return(p);
        _ = (neg, one);

        Assert.AreEqual("""
            function %sum(i64) -> i64 system_v {
                ss0 = explicit_slot 16, align = 8
                sig0 = (i64) -> i64 system_v
                fn0 = %helper sig0

            block0(v0: i64):
                v1 = iconst.i64 0xffff_ffff_ffff_b1e0
                v2 = iadd v0, v1
                stack_store v2, ss0+8
                v3 = call fn0(v2)
                v4 = iconst.i32 -2
                v5 = f64const 0x1.0000000000000p0
                brif v3, block1(v3), block1(v2)

            block1(v6: i64):
                return v6
            }

            """.Replace("\r\n", "\n"), ClifWriter.Write(f));
    }

    private const string Sample = """
        function %all(i64 vmctx, i32 uext, f32) -> i64, i8 sext tail {
            ss0 = explicit_slot 8
            ss1 = explicit_slot 32, align = 16
            gv0 = vmctx
            gv1 = load.i64 notrap aligned readonly gv0+8
            gv2 = symbol colocated tls %tab+16
            gv3 = iadd_imm.i64 gv1, -32
            sig0 = (i64) -> i64 fast
            sig1 = (i64, i64, i64) -> i32 system_v
            fn0 = colocated %callee sig0
            fn1 = %Memcmp sig1
            fn2 = u1:5 sig0

        block0(v0: i64, v1: i32, v2: f32):
            v3 = iconst.i8 -1
            v4 = global_value.i64 gv3
            v5 = call fn0(v4)
            v6 = func_addr.i64 fn2
            v7 = call_indirect sig0, v6(v5)
            v8 = icmp ult v1, v1
            v9 = fcmp uno v2, v2
            v10 = f32const -NaN
            v11 = f32const 0x1.800000p1
            v12 = atomic_cas.i64 little v0, v5, v7
            v13 = load.i32 notrap v0-4
            store.i32 big v13, v0+0x9c40
            v14, v15 = uadd_overflow v13, v13
            v16 = select v8, v5, v7
            v17 = vconst.i32x4 0x00000004000000030000000200000001
            v18 = extractlane v17, 3
            v19 = insertlane v17, v18, 0
            v20 = bitcast.i32 little v2
            v21 = uadd_overflow_trap v20, v20, int_ovf
            v22 = stack_addr.i64 ss1+8
            v23 = atomic_load.i64 v22
            atomic_store v23, v22
            v24 = atomic_rmw.i64 nand v22, v23
            v25 = f128const -0x1.0000000000000000000000000000p-1
            fence
            br_table v1, block1(v5, v15), [block1(v7, v9), block2]

        block1(v26: i64, v27: i8):
            v28 -> v26
            v29 -> v28
            return v29, v27

        block2:
            trapz v8, user3
            v30 = iconst.i8 0
            return v5, v30
        }

        """;

    [TestMethod]
    public void HandWrittenSampleWritesBackVerbatim() =>
        Assert.AreEqual(Sample.Replace("\r\n", "\n"), ClifWriter.Write(ClifReader.ParseFunction(Sample)));

    [TestMethod]
    public void SourceLocationsAreWrittenAsPrefixes()
    {
        const string text = """
            function %f(i32) -> i32 fast {
            block0(v0: i32):
                @0001 v1 = iadd v0, v0
                      v2 -> v1
                @00ff v3 = imul v2, v0
                      return v3
            }

            """;
        var f = ClifReader.ParseFunction(text);
        Assert.AreEqual(new SourceLoc(1), f.Params.BaseSrcLoc);
        Assert.AreEqual(text.Replace("\r\n", "\n"), ClifWriter.Write(f));
    }

    [TestMethod]
    public void WriterToTextWriterMatchesString()
    {
        var f = ClifReader.ParseFunction(Sample);
        var sw = new StringWriter { NewLine = "\n" };
        ClifWriter.Write(sw, f);
        Assert.AreEqual(ClifWriter.Write(f), sw.ToString());
    }
}
