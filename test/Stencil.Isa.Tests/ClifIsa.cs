using Stencil.Ir.Text;
using Stencil.Isa.CodeGen;

namespace Stencil.Isa.Tests;

/// <summary>Compiles CLIF text for x86-64 under given settings (<c>set</c>-line syntax).</summary>
internal static class ClifIsa
{
    public static TargetIsa With(params string[] settings)
    {
        Assert.IsTrue(IsaFlags.TryParse(settings, out var flags, out var error), error);
        return IsaRegistry.Lookup(TargetTriple.X86_64Linux, flags);
    }

    public static CompiledFunction Compile(string clif, params string[] settings) =>
        With(settings).Compile(ClifReader.ParseFunction(clif).Stencil);

    public static string Disassemble(CompiledFunction code) => TestIr.Isa.Disassemble(code.Code, code.Relocs);
}
