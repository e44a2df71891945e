using System.Diagnostics;

namespace Stencil.Cli.Tests;

/// <summary>
/// The same C compiled twice, by clang for wasm32 (run through <c>stencil run --invoke</c>) and by gcc for this
/// machine: every export called with the same integer arguments must print the same result.
/// </summary>
[TestClass]
public sealed class RunClangModuleTests
{
    private const string Source = """
        int gcd(int a, int b) { while (b) { int t = a % b; a = b; b = t; } return a; }
        long long collatz(long long n) { long long s = 0; while (n != 1) { n = (n & 1) ? 3 * n + 1 : n / 2; s++; } return s; }
        unsigned crc(unsigned n) {
            unsigned c = 0xFFFFFFFFu;
            for (unsigned i = 0; i < n; i++) { c ^= i & 0xFF; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & -(c & 1)); }
            return ~c;
        }
        long long mix(long long a, int b, long long c) { return (a * 31 + b) ^ (c >> 3) ^ ((unsigned long long)a >> 17); }
        int isqrt(int x) { int r = 0; while ((long long)(r + 1) * (r + 1) <= x) r++; return r; }
        """;

    /// <summary>Export, then its arguments; the native program prints each call's result the way `run` does.</summary>
    private static readonly (string Export, string Format, string[] Arguments)[] Calls =
    [
        ("gcd", "%d", ["1071", "462"]),
        ("gcd", "%d", ["-48", "18"]),
        ("collatz", "%lld", ["837799"]),
        ("collatz", "%lld", ["27"]),
        ("crc", "%d", ["100000"]),
        ("mix", "%lld", ["-123456789012", "77", "9000000000000"]),
        ("isqrt", "%d", ["2147395599"]),
    ];

    [TestMethod]
    public void AClangModuleGivesWhatTheSameCGivesNatively()
    {
        var clang = Prerequisite.RequireAnyTool("clang", "clang-14", "clang-15", "clang-16");
        var wasmLd = Prerequisite.RequireAnyTool("wasm-ld", "wasm-ld-14", "wasm-ld-15", "wasm-ld-16");
        var gcc = Prerequisite.RequireAnyTool("gcc", "cc");
        using var dir = new TempDirectory();
        var c = dir.Write("k.c", Source);
        var wasm = dir.File("k.wasm");
        Run(clang, "--target=wasm32", "-O2", "-nostdlib", "-Wl,--no-entry", "-Wl,--export-all", $"-fuse-ld={wasmLd}", c, "-o", wasm);

        var main = dir.Write("main.c", "#include <stdio.h>\n" + Source + "\nint main(void) {\n"
            + string.Concat(Calls.Select(call => $"    printf(\"{call.Format}\\n\", {call.Export}({string.Join(", ", call.Arguments.Select(a => a + "LL"))}));\n"))
            + "    return 0;\n}\n");
        var native = dir.File("native");
        Run(gcc, "-O1", "-w", main, "-o", native);
        var expected = Run(native).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

        Assert.AreEqual(Calls.Length, expected.Length);
        for (int i = 0; i < Calls.Length; i++)
        {
            var (export, _, arguments) = Calls[i];
            var run = CliRun.Of(["run", wasm, "--invoke", export, .. arguments]).Expect(CliExitCodes.Success);
            Assert.AreEqual(expected[i], run.Stdout.Trim(), $"{export}({string.Join(", ", arguments)})");
        }
    }

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail($"{Path.GetFileName(tool)} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{error.Result}");
        return output;
    }
}
