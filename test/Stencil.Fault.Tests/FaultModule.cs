using System.Globalization;
using System.Text;

namespace Stencil.Fault.Tests;

/// <summary>
/// Generated CLIF modules big enough that a build spends noticeable time compiling and committing: straight-line
/// arithmetic, counted loops and calls, each with its own constants so that every function is its own stencil.
/// Variants of one module differ in every fourth function and share the rest, so builds of different variants
/// both hit and insert in one cache.
/// </summary>
internal static class FaultModule
{
    public const int Functions = 150;
    public const int Variants = 4;

    public static string Source(int variant)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Functions; i++)
        {
            var constant = 7L * i + 3 + (i % 4 == 0 ? 1000L * variant : 0);
            text.Append((i % 3) switch
            {
                0 => Arithmetic(i, constant),
                1 => Loop(i, constant),
                _ => Call(i, constant),
            });
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes variant <paramref name="variant"/> to <c>module-N.clif</c> in <paramref name="directory"/>.</summary>
    public static string Write(string directory, int variant)
    {
        var path = Path.Combine(directory, $"module-{variant}.clif");
        File.WriteAllText(path, Source(variant));
        return path;
    }

    private static string Arithmetic(int i, long constant) => Invariant($$"""
        function %arith{{i}}(i64, i64) -> i64 system_v {
        block0(v0: i64, v1: i64):
            v2 = iconst.i64 {{constant}}
            v3 = imul v0, v2
            v4 = iadd v3, v1
            v5 = bxor_imm v4, {{13 * i + 1}}
            return v5
        }

        """);

    private static string Loop(int i, long constant) => Invariant($$"""
        function %loop{{i}}(i64, i64) -> i64 system_v {
        block0(v0: i64, v1: i64):
            jump block1(v0, v1)

        block1(v2: i64, v3: i64):
            v4 = iadd_imm v2, {{constant}}
            v5 = imul v4, v3
            v6 = icmp_imm sgt v4, {{1000 + i}}
            brif v6, block2, block1(v4, v3)

        block2:
            return v5
        }

        """);

    /// <summary>Calls the arithmetic function two before it, which every variant defines.</summary>
    private static string Call(int i, long constant) => Invariant($$"""
        function %call{{i}}(i64) -> i64 system_v {
            fn0 = %arith{{i - 2}}(i64, i64) -> i64 system_v

        block0(v0: i64):
            v1 = iconst.i64 {{constant}}
            v2 = call fn0(v0, v1)
            v3 = ishl_imm v2, {{i % 7 + 1}}
            return v3
        }

        """);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
