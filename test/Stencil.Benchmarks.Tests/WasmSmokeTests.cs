using System.Text.Json.Nodes;
using Stencil.Benchmarks.Wasm;

namespace Stencil.Benchmarks.Tests;

/// <summary><c>wasm --smoke</c>: hash-wasm's sha256 compiled by Stencil and Wasmtime, 1 MiB hashed by both with the
/// same digest, hash-wasm's modules into one cache, one changed constant rebuilt. Checks that every figure is there
/// and sane, not how fast anything is.</summary>
[TestClass]
public sealed class WasmSmokeTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void SmokeModeMeasuresBothCompilers()
    {
        var npm = Prerequisite.RequireTool("npm");
        using var downloads = new TempDirectory("stencil-bench");
        try
        {
            NpmPack.Fetch(npm, downloads.Path, HashWasmModules.Package, HashWasmModules.Version);
        }
        catch (NpmPackException e)
        {
            Prerequisite.Missing(e.Message);
        }

        var output = new StringWriter();
        int exit = WasmBench.Run(["--smoke", "--json", "--downloads", downloads.Path], output);
        TestContext.WriteLine(output.ToString());
        Assert.AreEqual(0, exit);

        var report = JsonNode.Parse(output.ToString())!;
        var module = report["modules"]!.AsArray().Single()!;
        Assert.AreEqual("sha256", (string)module["name"]!);
        Assert.AreEqual(7, (int)module["functions"]!);
        foreach (var figure in new[] { "stencil_ms_1t", "wasmtime_ms_1t", "stencil_ms_2t", "wasmtime_ms_2t" })
            Assert.IsGreaterThan(0.0, (double)module[figure]!, figure);
        Assert.IsGreaterThan(0L, (long)module["stencil_code_bytes"]!);
        Assert.IsGreaterThan(0L, (long)module["wasmtime_code_bytes"]!);
        Assert.HasCount(7, module["function_sizes"]!.AsArray(), "both compilers report every defined function");
        Assert.IsTrue((bool)module["run"]!["match"]!, "the two runtimes' digests are identical");

        var runtime = (string)report["runtime"]!;
        StringAssert.Contains(runtime, "JIT", "the report states the JIT mode");
        StringAssert.Contains(runtime, "compiler assemblies", "and whether the compiler is precompiled");

        var seed = report["seed"]!;
        Assert.IsGreaterThan(0.0, (double)seed["cross_module_hit_rate"]!, "hash-wasm's modules share some functions");
        Assert.AreEqual(1, (int)seed["oneedit_recompiled"]!, "one changed constant recompiles one function");
        Assert.IsLessThan((double)seed["cold_ms"]!, (double)seed["oneedit_ms"]!);
    }
}
