using Stencil.Ir;
using Stencil.Ir.Generation;
using Stencil.Ir.Text;

namespace Stencil.Benchmarks;

/// <summary>The module shape <c>stencil bench cache</c> uses (seeded, about 105 IR instructions a function), as CLIF text.</summary>
internal static class GeneratedModule
{
    public const int Seed = 2026;
    public const int InstructionsPerFunction = 105;

    public static IReadOnlyList<Function> Functions(int count) =>
        new RandomFunctionGenerator(Seed).GenerateModule(count, InstructionsPerFunction);

    public static string Text(int count) => string.Join("\n", Functions(count).Select(ClifWriter.Write));
}
