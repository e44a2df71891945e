using Stencil.CacheDb;
using Stencil.Engine.Building;

namespace Stencil.Cli.Tests;

/// <summary>
/// Bugs in Stencil met by <c>stencil compile</c>: one compiler-style line with the function's place and code STN9001 (or
/// STN9002 for the cache), exit 3, no object; the stack trace only with <c>--verbose</c>; a cache that met a bug left
/// as it was. <c>stencil disasm</c> reports a bug the same way, and <c>stencil test</c> fails the function's directives
/// with the same STN9001 message.
/// </summary>
[TestClass]
public sealed class InternalErrorTests
{
    private const string Injected = "injected by the test";

    [TestMethod]
    public void ABugCompilingAFunctionIsOneLineAtItsDefinition()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);

        CliRun run;
        using (FaultInjection.Inject(FailCompiling("sum_max")))
            run = CliRun.Of("compile", source).Expect(CliExitCodes.EnvironmentError);

        Assert.AreEqual($"{source}({DefinitionLine("sum_max")},1): error STN9001: internal compiler error in %sum_max: InvalidOperationException: {Injected}",
            run.Stderr.TrimEnd());
        Assert.IsFalse(File.Exists(dir.File("k.o")), "no object is written by a build that failed");
    }

    [TestMethod]
    public void VerboseAddsTheStackTrace()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);

        CliRun run;
        using (FaultInjection.Inject(FailCompiling("max2")))
            run = CliRun.Of("compile", source, "--verbose");

        Assert.AreEqual(CliExitCodes.EnvironmentError, run.ExitCode, run.Stderr);
        var lines = run.Stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual($"{source}({DefinitionLine("max2")},1): error STN9001: internal compiler error in %max2: InvalidOperationException: {Injected}", lines[0]);
        Assert.AreEqual($"System.InvalidOperationException: {Injected}", lines[1]);
        Assert.IsTrue(lines.Skip(2).Any(l => l.StartsWith("at Stencil.Engine.Building.FaultInjection.At(", StringComparison.Ordinal)), run.Stderr);
        Assert.DoesNotContain("AggregateException", run.Stderr);
    }

    [TestMethod]
    public void ABugInTheCacheIsStn9002AndTheCacheIsLeftAsItWas()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);
        var cache = dir.File("cache.db");
        CliRun.Of("compile", source, "--cache", cache).Expect(CliExitCodes.Success);
        var before = File.ReadAllBytes(cache);
        File.Delete(dir.File("k.o"));

        CliRun run;
        using (FaultInjection.Inject(at => at == CacheFault.ReadPackPoint ? new NullReferenceException(Injected) : null))
            run = CliRun.Of("compile", source, "--cache", cache).Expect(CliExitCodes.EnvironmentError);

        Assert.AreEqual($"stencil: error STN9002: internal error in the cache: NullReferenceException: {Injected}", run.Stderr.TrimEnd());
        Assert.IsFalse(File.Exists(dir.File("k.o")));
        CollectionAssert.AreEqual(before, File.ReadAllBytes(cache), "the cache file is untouched");
        Assert.IsEmpty(Directory.GetFiles(dir.Path, "cache.db.corrupt-*"), "nothing was set aside");
    }

    [TestMethod]
    public void DisasmReportsABugAtTheFunctionAndVerboseAddsTheStackTrace()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("k.clif", ClifSamples.Valid);
        var expected = $"{source}({DefinitionLine("sum_max")},1): error STN9001: internal compiler error in %sum_max: InvalidOperationException: {Injected}";

        CliRun run, verbose;
        using (FaultInjection.Inject(FailCompiling("sum_max")))
        {
            run = CliRun.Of("disasm", source).Expect(CliExitCodes.EnvironmentError);
            verbose = CliRun.Of("disasm", source, "--verbose");
        }

        Assert.AreEqual(expected, run.Stderr.TrimEnd());
        Assert.AreEqual(CliExitCodes.EnvironmentError, verbose.ExitCode, verbose.Stderr);
        var lines = verbose.Stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(expected, lines[0]);
        Assert.AreEqual($"System.InvalidOperationException: {Injected}", lines[1]);
        Assert.IsTrue(lines.Skip(2).Any(l => l.StartsWith("at Stencil.Engine.Building.FaultInjection.At(", StringComparison.Ordinal)), verbose.Stderr);
    }

    [TestMethod]
    [DataRow("run", "max2(1, 2) == 2")]
    [DataRow("compile", null)]
    public void TestFailsTheFunctionWithStn9001AtItsDefinition(string kind, string? directive)
    {
        using var dir = new TempDirectory();
        var header = $"test {kind}\n";
        var text = header + ClifSamples.Valid + (directive is null ? "" : $"\n; run: %{directive}\n");
        var source = dir.Write("k.clif", text);
        int line = DefinitionLine("max2") + 1;

        CliRun run;
        using (FaultInjection.Inject(FailCompiling("max2")))
            run = CliRun.Of("test", source).Expect(CliExitCodes.InputError);

        StringAssert.Contains(run.Stdout, $"STN9001 at {source}({line},1): internal compiler error in %max2: InvalidOperationException: {Injected}");
        Assert.DoesNotContain("runner crash", run.Stdout);
    }

    private static Func<string, Exception?> FailCompiling(string name) =>
        at => at == FaultInjection.CompilePrefix + name ? new InvalidOperationException(Injected) : null;

    private static int DefinitionLine(string name) =>
        Array.FindIndex(ClifSamples.Valid.Split('\n'), l => l.StartsWith($"function %{name}(", StringComparison.Ordinal)) + 1;
}
