using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

[TestClass]
public sealed unsafe class GlobalValueExecutionTests
{
    private static Function VmctxFunction(out FuncCursor c, out Stencil.Ir.Entities.Value[] args)
    {
        var sig = new Signature();
        sig.Params.Add(new AbiParam(IrType.I64, Purpose: ArgumentPurpose.VMContext));
        sig.Returns.Add(new AbiParam(IrType.I64));
        var f = new Function(UserFuncName.FromTestcase("vm"), sig);
        c = new FuncCursor(f);
        var entry = c.InsertBlock();
        args = [f.Dfg.AppendBlockParam(entry, IrType.I64)];
        return f;
    }

    [TestMethod]
    public void LoadChainFromVmctx()
    {
        var f = VmctxFunction(out var c, out _);
        var vmctx = f.CreateGlobalValue(GlobalValueData.VMContext());
        var table = f.CreateGlobalValue(GlobalValueData.Load(vmctx, 8, IrType.I64, MemFlags.Trusted));
        var entry = f.CreateGlobalValue(GlobalValueData.IAddImm(table, 16, IrType.I64));
        var gv = c.Insert(new InstructionData(Opcode.GlobalValue) { GlobalValue = entry, ControllingType = IrType.I64 });
        c.Ins().Return(c.Ins().Load(IrType.I64, MemFlags.Trusted, f.Dfg.FirstResult(gv), 0));
        using var img = new JitImage(TestIr.Compile(f));
        long* table2 = stackalloc long[4] { 1, 2, 77, 4 };
        long* ctx = stackalloc long[2] { 0, (long)table2 };
        Assert.AreEqual(77L, ((delegate* unmanaged<long*, long>)img[0])(ctx));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void SymbolValueIsTheSymbolsAddress(bool colocated)
    {
        var target = TestIr.Func([], [IrType.I64], out var tc, out _);
        tc.Ins().Return(tc.Ins().Iconst(IrType.I64, 5));
        var f = TestIr.Func([], [IrType.I64], out var c, out _);
        var name = ExternalName.FromUser(f.DeclareImportedUserFunction(UserExternalName.FromIndex(0, 9)));
        var sym = f.CreateGlobalValue(GlobalValueData.Symbol(name, 3, colocated, tls: false));
        var v = c.Insert(new InstructionData(Opcode.SymbolValue) { GlobalValue = sym, ControllingType = IrType.I64 });
        c.Ins().Return(f.Dfg.FirstResult(v));
        var compiled = TestIr.Compile(f);
        Assert.AreEqual(colocated ? Reloc.X86PCRel4 : Reloc.X86GOTPCRel4, compiled.Relocs.Single().Kind);
        using var img = new JitImage(TestIr.Compile(target), compiled);
        Assert.AreEqual((long)img[0] + 3, ((delegate* unmanaged<long>)img[1])());
    }

    [TestMethod]
    public void StackLimitTrapsBelowTheLimit()
    {
        var f = VmctxFunction(out var c, out var a);
        var vmctx = f.CreateGlobalValue(GlobalValueData.VMContext());
        f.Stencil.StackLimit = f.CreateGlobalValue(GlobalValueData.Load(vmctx, 0, IrType.I64, MemFlags.Trusted));
        c.Ins().Return(c.Ins().IaddImm(a[0], 1));
        var compiled = TestIr.Compile(f);
        Assert.AreEqual(TrapCode.StackOverflow, compiled.Traps.Single().Code);
        using var img = new JitImage(compiled);
        long* limit = stackalloc long[1] { 0 };
        Assert.AreEqual((long)limit + 1, ((delegate* unmanaged<long*, long>)img[0])(limit), "a limit of 0 never trips");
    }

    [TestMethod]
    public void BranchToEntryOrWithMissingArgumentsIsMalformed()
    {
        var f = TestIr.Func([], [], out var c, out _);
        c.Ins().Jump(f.Layout.EntryBlock!.Value);
        Assert.AreEqual("STN3005", Assert.ThrowsExactly<DiagnosticException>(() => TestIr.Compile(f)).Diagnostic.Code);

        var g = TestIr.Func([IrType.I64], [IrType.I64], out c, out var a);
        var target = g.Dfg.MakeBlock();
        g.Dfg.AppendBlockParam(target, IrType.I64);
        c.Ins().Brif(a[0], target, [], target, [a[0]]);
        c.AtBottom(target);
        c.Ins().Return(a[0]);
        Assert.AreEqual("STN3005", Assert.ThrowsExactly<DiagnosticException>(() => TestIr.Compile(g)).Diagnostic.Code);
    }

    [TestMethod]
    public void FloatAndMixedArgumentsOnRegistersAndStack()
    {
        // g(i0, f0, i1, f1, ..., 8 ints and 10 floats interleaved) = sum(ints) + sum(floats * k)
        var types = new List<IrType>();
        for (int k = 0; k < 10; k++) { if (k < 8) types.Add(IrType.I64); types.Add(IrType.F64); }
        var g = TestIr.Func(types.ToArray(), [IrType.F64], out var gc, out var ga);
        var acc = gc.Ins().F64const(0);
        int fk = 0;
        for (int i = 0; i < types.Count; i++)
        {
            var term = types[i] == IrType.I64
                ? gc.Ins().Convert(Opcode.FcvtFromSint, IrType.F64, ga[i])
                : gc.Ins().Binary(Opcode.Fmul, ga[i], gc.Ins().F64const(++fk));
            acc = gc.Ins().Binary(Opcode.Fadd, acc, term);
        }
        gc.Ins().Return(acc);

        var f = TestIr.Func([IrType.F64], [IrType.F64], out var c, out var a);
        var callee = f.ImportUserFunction(UserExternalName.FromIndex(0, 0), TestIr.Sig(types.ToArray(), [IrType.F64]));
        var args = types.Select((t, i) => t == IrType.I64 ? c.Ins().Iconst(IrType.I64, i) : c.Ins().Binary(Opcode.Fadd, a[0], c.Ins().F64const(i))).ToArray();
        c.Ins().Return(f.Dfg.FirstResult(c.Ins().Call(callee, args)));
        using var img = new JitImage(TestIr.Compile(g), TestIr.Compile(f));
        double expected = 0;
        fk = 0;
        for (int i = 0; i < types.Count; i++) expected += types[i] == IrType.I64 ? i : (0.5 + i) * ++fk;
        Assert.AreEqual(expected, ((delegate* unmanaged<double, double>)img[1])(0.5));
    }
}
