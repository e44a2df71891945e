using Stencil.Engine.Compilation;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Module;

[TestClass]
public sealed class ModuleFunctionDefinitionTests
{
    private static Function Caller()
    {
        var sig = new Signature(); sig.Params.Add(new AbiParam(IrType.I64)); sig.Returns.Add(new AbiParam(IrType.I64));
        var f = new Function(UserFuncName.FromUser(UserExternalName.FromSymbol("caller")), sig);
        var callee = f.ImportUserFunction(UserExternalName.FromSymbol("callee"), sig.Clone());
        var c = new FuncCursor(f);
        var b = c.InsertBlock();
        var x = f.Dfg.AppendBlockParam(b, IrType.I64);
        var call = c.Ins().Call(callee, x);
        c.Ins().Return(f.Dfg.FirstResult(call));
        return f;
    }

    [TestMethod]
    public void DefineFunctionGivesTheSameObjectAsDefiningTheBytesOfACachedCompile()
    {
        var isa = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default);
        var direct = new ObjectModule();
        var id = direct.DefineFunction(Caller(), new Context(isa));
        Assert.IsTrue(direct.Declarations.GetFunction(id).IsDefined);

        var viaCache = new ObjectModule();
        var f = Caller();
        Assert.IsTrue(CompiledCodeCodec.TryDecode(CompiledCodeCodec.Encode(new Context(isa).Compile(f.Stencil)), out var decoded));
        viaCache.DefineCompiledCode(Finalizer.Finalize(decoded!, f.Params), Linkage.Export);

        CollectionAssert.AreEqual(direct.Finish().Emit(), viaCache.Finish().Emit());
    }
}
