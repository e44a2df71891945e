using System.Globalization;
using System.Text;

namespace Stencil.Cli.Tests;

/// <summary>
/// The same C compiled by clang-14 to WebAssembly and run through <c>stencil run --invoke</c>, and compiled natively by
/// gcc: every call gives the same result. The kernels (<c>Wasm/intmath.c</c>) take and return integers only.
/// </summary>
[TestClass]
public sealed class ClangModuleTests
{
    /// <summary>One call: the export, whether it returns i64, and its arguments as (is i64, value).</summary>
    private static readonly (string Name, bool ReturnsI64, (bool I64, long Value)[] Args)[] Calls =
    [
        ("gcd", true, [(true, 1071), (true, 462)]),
        ("gcd", true, [(true, -48), (true, 18)]),
        ("gcd", true, [(true, long.MaxValue), (true, 1L << 40)]),
        ("collatz", false, [(true, 27)]),
        ("collatz", false, [(true, 63_728_127)]),
        ("pow_mod", false, [(false, 7), (true, 1L << 40), (false, 1_000_000_007)]),
        ("pow_mod", false, [(false, 123456789), (true, 987654321), (false, unchecked((int)4294967291u))]),
        ("isqrt", true, [(true, 0)]),
        ("isqrt", true, [(true, 99)]),
        ("isqrt", true, [(true, -1)]),
        ("popcount", false, [(true, -1)]),
        ("popcount", false, [(true, 0x0123456789ABCDEF)]),
        ("clz32", false, [(false, 0)]),
        ("clz32", false, [(false, 0x00F00000)]),
        ("ctz64", false, [(true, 0)]),
        ("ctz64", false, [(true, 1L << 52)]),
        ("rotl32", false, [(false, unchecked((int)0x80000001u)), (false, 33)]),
        ("bit_reverse", false, [(false, 0x12345678)]),
        ("div_trunc", false, [(false, -7), (false, 2)]),
        ("div_trunc", false, [(false, int.MinValue), (false, 3)]),
        ("rem_trunc", true, [(true, -7), (true, 3)]),
        ("rem_trunc", true, [(true, long.MinValue), (true, 10)]),
        ("sext8", true, [(true, 0x17F)]),
        ("sext8", true, [(true, 0x80)]),
        ("sext16", false, [(false, 0x18000)]),
        ("shl_masked", false, [(false, 3), (false, 35)]),
        ("sar64", true, [(true, long.MinValue), (false, 65)]),
        ("fib_mod", false, [(false, 90)]),
        ("reverse_digits", true, [(true, -1234567890123)]),
        ("saturating_add", false, [(false, int.MaxValue), (false, 5)]),
        ("saturating_add", false, [(false, int.MinValue), (false, -5)]),
        ("min_max_mix", true, [(true, 10), (true, -3), (true, 100)]),
    ];

    [TestMethod]
    public void ExportsGiveTheResultsOfTheSameCCompiledNatively()
    {
        var clang = Prerequisite.RequireTool("clang-14");
        Prerequisite.RequireTool("wasm-ld-14");
        var gcc = Prerequisite.RequireAnyTool("gcc", "cc");
        using var dir = new TempDirectory("stencil-clang");
        var source = Path.Combine(AppContext.BaseDirectory, "Wasm", "intmath.c");
        var module = dir.File("intmath.wasm");
        Run(clang, "--target=wasm32", "-O2", "-nostdlib", "-Wl,--no-entry", "-o", module, source);

        var harness = dir.Write("main.c", Harness(File.ReadAllText(source)));
        var native = dir.File("intmath");
        Run(gcc, "-O2", "-o", native, harness);
        var expected = Run(native).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(Calls.Length, expected, "the native harness printed one line per call");

        for (int i = 0; i < Calls.Length; i++)
        {
            var (name, _, args) = Calls[i];
            string[] command = ["run", module, "--invoke", name, .. args.Select(a => a.Value.ToString(CultureInfo.InvariantCulture))];
            var run = CliRun.Of(command).Expect(CliExitCodes.Success);
            Assert.AreEqual(expected[i], run.Stdout.Trim(), $"{name}({string.Join(", ", args.Select(a => a.Value))})");
        }
    }

    /// <summary>The C file followed by a main that prints every call's result as <c>stencil run</c> does (signed decimal).</summary>
    private static string Harness(string kernels)
    {
        var sb = new StringBuilder(kernels).AppendLine().AppendLine("int printf(const char *, ...);").AppendLine("int main(void)").AppendLine("{");
        foreach (var (name, returnsI64, args) in Calls)
        {
            var list = string.Join(", ", args.Select(a => a.I64 ? $"(i64){a.Value}LL" : $"(i32){a.Value}"));
            // The most negative literals are written as expressions: -9223372036854775808LL does not parse in C.
            list = list.Replace("(i64)-9223372036854775808LL", "(i64)(-9223372036854775807LL - 1)").Replace("(i32)-2147483648", "(i32)(-2147483647 - 1)");
            sb.AppendLine(returnsI64 ? $"    printf(\"%lld\\n\", (long long)(i64){name}({list}));" : $"    printf(\"%d\\n\", (int)(i32){name}({list}));");
        }
        return sb.AppendLine("    return 0;").AppendLine("}").ToString();
    }

    private static string Run(string tool, params string[] args)
    {
        var (exitCode, output) = ExternalProcess.Run(tool, args);
        Assert.AreEqual(0, exitCode, $"{Path.GetFileName(tool)} {string.Join(' ', args)}: {output}");
        return output;
    }
}
