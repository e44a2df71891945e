using System.Security.Cryptography;
using System.Text;
using Stencil.Ir;
using Stencil.Isa;

namespace Stencil.Engine.Compilation;

/// <summary>
/// Identifies the compiler build that produced cached code: a hash of the module version ids of the
/// assemblies that decide machine code. Deterministic builds of the same sources give the same id, so
/// caches travel between machines; any change to the compiler invalidates them.
/// </summary>
public static class CompilerBuildId
{
    private static readonly Lazy<string> Value = new(Compute);

    public static string Current => Value.Value;

    private static string Compute()
    {
        var sb = new StringBuilder();
        foreach (var asm in new[] { typeof(FunctionStencil).Assembly, typeof(TargetIsa).Assembly, typeof(CompilerBuildId).Assembly })
            sb.Append(asm.GetName().Name).Append(':').Append(asm.ManifestModule.ModuleVersionId.ToString("N")).Append(';');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())).AsSpan(0, 16));
    }
}
