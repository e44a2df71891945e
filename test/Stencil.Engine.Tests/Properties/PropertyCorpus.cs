using Stencil.Engine.Compilation;
using Stencil.Ir;
using Stencil.Ir.Generation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Properties;

/// <summary>
/// The generated functions the property tests run over: 1,000 by default (modules of 50, one seed each),
/// more with the <c>STENCIL_FUZZ_COUNT</c> environment variable. Also the target and key context they share.
/// </summary>
internal static class PropertyCorpus
{
    public const int DefaultCount = 1000;
    public const int ModuleSize = 50;
    public const int InstructionsPerFunction = 60;

    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable("STENCIL_FUZZ_COUNT"), out var n) && n > 0 ? n : DefaultCount;

    public static TargetIsa Isa { get; } = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default);

    /// <summary>The key context a real build for <see cref="Isa"/> uses.</summary>
    public static KeyContext KeyContext { get; } = new ParallelModuleCompiler(Isa, null).KeyContext;

    /// <summary>Modules of <see cref="ModuleSize"/> functions (the last one shorter) adding up to <see cref="Count"/>; <paramref name="salt"/> picks other seeds.</summary>
    public static IEnumerable<IReadOnlyList<Function>> Modules(int salt = 0)
    {
        int remaining = Count;
        for (int seed = 0; remaining > 0; seed++)
        {
            int n = Math.Min(ModuleSize, remaining);
            yield return new RandomFunctionGenerator(seed * 7919 + salt).GenerateModule(n, InstructionsPerFunction);
            remaining -= n;
        }
    }

    public static IEnumerable<Function> Functions(int salt = 0) => Modules(salt).SelectMany(m => m);

    public static CacheKey Key(Function f) => StencilEncoder.ComputeKey(f.Stencil, KeyContext);

    /// <summary>An independent copy, made the way a build sees a function: through its text.</summary>
    public static Function Copy(Function f) => ClifReader.ParseFunction(ClifWriter.Write(f));

    public static string Describe(Function f) => ClifWriter.Write(f);
}
