using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class CallExecutionTests
{
    private static readonly UserExternalName Callee = UserExternalName.FromIndex(0, 0);

    /// <summary>callee(a, b) = a * 10 - b, the function every test places first in the image.</summary>
    private static CompiledFunction CalleeAB()
    {
        var g = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        c.Ins().Return(c.Ins().Isub(c.Ins().BinaryImm(Opcode.ImulImm, a[0], 10), a[1]));
        return TestIr.Compile(g);
    }

    [TestMethod]
    public void DirectCallThroughPltRelocation()
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var callee = f.ImportUserFunction(Callee, TestIr.Sig([IrType.I64, IrType.I64], [IrType.I64]));
        // Values live across the call must survive the caller-saved clobbers.
        var keep = c.Ins().IaddImm(a[0], 1000);
        var keep2 = c.Ins().IaddImm(a[1], 2000);
        var call = c.Ins().Call(callee, a[1], a[0]);
        var r = f.Dfg.FirstResult(call);
        c.Ins().Return(c.Ins().Iadd(r, c.Ins().Iadd(keep, keep2)));
        var compiled = TestIr.Compile(f);
        var reloc = compiled.Relocs.Single();
        Assert.AreEqual(Reloc.X86CallPLTRel4, reloc.Kind);
        Assert.AreEqual(-4L, reloc.Addend);
        Assert.AreEqual(ExternalName.FromUser(new UserExternalNameRef(0)), reloc.Target);
        Assert.AreEqual((byte)0xE8, compiled.Code[reloc.Offset - 1], "the relocation patches a call rel32");

        using var img = new JitImage(CalleeAB(), compiled);
        var fn = (delegate* unmanaged<long, long, long>)img[1];
        Assert.AreEqual((7 * 10 - 3) + (3 + 1000) + (7 + 2000), fn(3, 7));
    }

    [TestMethod]
    public void StackArgumentsBeyondSixIntegers()
    {
        // sum10(a0..a9) = sum of ai * (i + 1)
        var types = Enumerable.Repeat(IrType.I64, 10).ToArray();
        var g = TestIr.Func(types, [IrType.I64], out var gc, out var ga);
        var acc = ga[0];
        for (int i = 1; i < 10; i++) acc = gc.Ins().Iadd(acc, gc.Ins().BinaryImm(Opcode.ImulImm, ga[i], i + 1));
        gc.Ins().Return(acc);

        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var callee = f.ImportUserFunction(Callee, TestIr.Sig(types, [IrType.I64]));
        var args = Enumerable.Range(0, 10).Select(i => c.Ins().IaddImm(a[0], i)).ToArray();
        var call = c.Ins().Call(callee, args);
        c.Ins().Return(f.Dfg.FirstResult(call));

        using var img = new JitImage(TestIr.Compile(g), TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long>)img[1];
        long expected = Enumerable.Range(0, 10).Sum(i => (5L + i) * (i + 1));
        Assert.AreEqual(expected, fn(5));
        var direct = (delegate* unmanaged<long, long, long, long, long, long, long, long, long, long, long>)img[0];
        Assert.AreEqual(expected, direct(5, 6, 7, 8, 9, 10, 11, 12, 13, 14));
    }

    [TestMethod]
    public void RecursiveCall()
    {
        // fact(n) = n <= 1 ? 1 : n * fact(n - 1), calling itself by user name 0.
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var self = f.ImportUserFunction(Callee, TestIr.Sig([IrType.I64], [IrType.I64]));
        var recurse = f.Dfg.MakeBlock();
        var baseCase = f.Dfg.MakeBlock();
        c.Ins().Brif(c.Ins().IcmpImm(IntCC.SignedLessThanOrEqual, a[0], 1), baseCase, [], recurse, []);
        c.AtBottom(recurse);
        var r = f.Dfg.FirstResult(c.Ins().Call(self, c.Ins().IaddImm(a[0], -1)));
        c.Ins().Return(c.Ins().Imul(a[0], r));
        c.AtBottom(baseCase);
        c.Ins().Return(c.Ins().Iconst(IrType.I64, 1));
        using var img = new JitImage(TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long>)img[0];
        Assert.AreEqual(1L, fn(0));
        Assert.AreEqual(3628800L, fn(10));
        Assert.AreEqual(2432902008176640000L, fn(20));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void CallIndirectThroughFuncAddr(bool colocated)
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var sig = TestIr.Sig([IrType.I64, IrType.I64], [IrType.I64]);
        var callee = f.ImportUserFunction(Callee, sig, colocated);
        var sigRef = f.ImportSignature(sig);
        var addr = c.Ins().FuncAddr(IrType.I64, callee);
        var call = c.Ins().CallIndirect(sigRef, addr, a[0], a[1]);
        c.Ins().Return(f.Dfg.FirstResult(call));
        var compiled = TestIr.Compile(f);
        Assert.AreEqual(colocated ? Reloc.X86PCRel4 : Reloc.X86GOTPCRel4, compiled.Relocs.Single().Kind);
        using var img = new JitImage(CalleeAB(), compiled);
        var fn = (delegate* unmanaged<long, long, long>)img[1];
        Assert.AreEqual(4 * 10 - 9L, fn(4, 9));
    }

    [TestMethod]
    public void NarrowArgumentsWithExtensionAndTwoResults()
    {
        // pair(x: i8 sext) -> (i64, i64) = (x, x * 2)
        var gsig = new Signature();
        gsig.Params.Add(new AbiParam(IrType.I8, ArgumentExtension.Sext));
        gsig.Returns.Add(new AbiParam(IrType.I64));
        gsig.Returns.Add(new AbiParam(IrType.I64));
        var g = new Function(UserFuncName.FromTestcase("pair"), gsig);
        var gc = new FuncCursor(g);
        var entry = gc.InsertBlock();
        var x = g.Dfg.AppendBlockParam(entry, IrType.I8);
        var wide = gc.Ins().Convert(Opcode.Sextend, IrType.I64, x);
        gc.Ins().Return(wide, gc.Ins().Iadd(wide, wide));

        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var callee = f.ImportUserFunction(Callee, gsig.Clone());
        var call = c.Ins().Call(callee, c.Ins().Convert(Opcode.Ireduce, IrType.I8, a[0]));
        var rs = f.Dfg.InstResults(call);
        c.Ins().Return(c.Ins().Isub(rs[1], c.Ins().BinaryImm(Opcode.ImulImm, rs[0], 3)));
        using var img = new JitImage(TestIr.Compile(g), TestIr.Compile(f));
        var fn = (delegate* unmanaged<long, long>)img[1];
        Assert.AreEqual(-(-3L), fn(0x1FD)); // low byte 0xFD = -3: 2x - 3x = -x = 3
        Assert.AreEqual(-100L, fn(100));
    }

    [TestMethod]
    public void ManyReturnValuesThroughImplicitSret()
    {
        var isa = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default with { EnableMultiRetImplicitSret = true });
        IrType[] rets = [IrType.I64, IrType.F64, IrType.I32, IrType.I64, IrType.F64, IrType.F32, IrType.I8];
        var gsig = TestIr.Sig([IrType.I64, IrType.F64], rets);
        var g = new Function(UserFuncName.FromTestcase("many"), gsig);
        var gc = new FuncCursor(g);
        var entry = gc.InsertBlock();
        var x = g.Dfg.AppendBlockParam(entry, IrType.I64);
        var y = g.Dfg.AppendBlockParam(entry, IrType.F64);
        gc.Ins().Return(
            x,
            y,
            gc.Ins().Convert(Opcode.Ireduce, IrType.I32, gc.Ins().IaddImm(x, 1)),
            gc.Ins().IaddImm(x, 2),
            gc.Ins().Binary(Opcode.Fadd, y, y),
            gc.Ins().F32const(0.25f),
            gc.Ins().Iconst(IrType.I8, -3));

        var f = TestIr.Func([IrType.I64, IrType.F64], [IrType.F64], out var c, out var a);
        var callee = f.ImportUserFunction(Callee, gsig.Clone());
        var rs = f.Dfg.InstResults(c.Ins().Call(callee, a[0], a[1]));
        var ints = c.Ins().Iadd(c.Ins().Iadd(rs[0], c.Ins().Convert(Opcode.Sextend, IrType.I64, rs[2])), c.Ins().Iadd(rs[3], c.Ins().Convert(Opcode.Sextend, IrType.I64, rs[6])));
        var floats = c.Ins().Binary(Opcode.Fadd, c.Ins().Binary(Opcode.Fadd, rs[1], rs[4]), c.Ins().Convert(Opcode.Fpromote, IrType.F64, rs[5]));
        c.Ins().Return(c.Ins().Binary(Opcode.Fadd, floats, c.Ins().Convert(Opcode.FcvtFromSint, IrType.F64, ints)));

        using var img = new JitImage(isa.Compile(g.Stencil), isa.Compile(f.Stencil));
        var fn = (delegate* unmanaged<long, double, double>)img[1];
        // ints: 10 + 11 + 12 - 3 = 30; floats: 1.5 + 3 + 0.25
        Assert.AreEqual(30 + 1.5 + 3 + 0.25, fn(10, 1.5));

        var e = Assert.ThrowsExactly<Stencil.Ir.Diagnostics.DiagnosticException>(() => TestIr.Compile(g));
        Assert.AreEqual("STN3003", e.Diagnostic.Code);
        StringAssert.Contains(e.Diagnostic.Message, "enable_multi_ret_implicit_sret");
    }
}
