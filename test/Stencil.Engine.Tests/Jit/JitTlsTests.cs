using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Jit;

/// <summary>Thread-local access is for objects: only the system linker and the dynamic loader can resolve it.</summary>
[TestClass]
public sealed class JitTlsTests
{
    [TestMethod]
    public void ThreadLocalAccessIsRefusedWithAClearDiagnostic()
    {
        Assert.IsTrue(IsaFlags.TryParse(["tls_model=elf_gd"], out var flags, out var error), error);
        var context = new Context(IsaRegistry.Lookup(TargetTriple.X86_64Linux, flags));
        var function = ClifReader.ParseFunction("""
            function %addr_of_tls_ext() -> i64 {
                gv0 = symbol tls %tls_ext
            block0:
                v0 = tls_value.i64 gv0
                return v0
            }
            """);
        using var module = new JitModule();
        module.DefineCompiledCode(Finalizer.Finalize(context.Compile(function.Stencil), function.Params), Linkage.Export);
        var e = Assert.ThrowsExactly<ModuleException>(module.FinalizeDefinitions);
        Assert.AreEqual(ModuleException.DiagnosticCode, e.Diagnostic.Code);
        StringAssert.Contains(e.Message, "`addr_of_tls_ext` reaches a thread-local variable");
        StringAssert.Contains(e.Message, "build an object or shared library");
    }
}
