namespace Stencil.Integration.Tests;

/// <summary>
/// WebAssembly modules in a real project: <c>dotnet build</c> compiles them into the shared library through the cache,
/// generates a class per module, and the app calls them; an edit of one function recompiles that function alone.
/// </summary>
[TestClass]
public sealed class WasmBuildTests
{
    [TestMethod]
    public void WasmKernelsSample_CompiledFromC_RunsAndRebuildsFromTheCache()
    {
        Prerequisite.RequireTool("clang-14");
        Prerequisite.RequireTool("wasm-ld-14");
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "wasm-kernels", TestEnvironment.WasmSampleDirectory);

        var cold = BuildAssert.Succeeded(workspace.Build(), "cold build");
        Assert.AreEqual(0, cold.Cached, "cold build: nothing can come from an empty cache.");
        Assert.AreEqual(cold.Functions, cold.Compiled + cold.Deduplicated, "cold build: every function compiles.");
        ElfAssert.ObjectIsClean(workspace.ObjectFile, "cold build", "w2n_kernels__f4", "w2n_kernels__array0");
        ElfAssert.LibraryExports(workspace.SharedLibrary, "cold build", "w2n_kernels__f4", "w2n_kernels__import0");
        var run = workspace.RunApp();
        Assert.AreEqual(0, run.ExitCode, $"cold build: the app failed. {run.Describe()}");
        StringAssert.Contains(run.StandardOutput, "checks passed.", run.Describe());
        // Worked out by hand, so a wrong C# reference cannot hide a wrong result.
        StringAssert.Contains(run.StandardOutput, "count_primes(100) = 25", run.Describe());
        StringAssert.Contains(run.StandardOutput, "collatz_steps(27) = 111", run.Describe());
        StringAssert.Contains(run.StandardOutput, "gcd(1071, 462) = 21", run.Describe());
        StringAssert.Contains(run.StandardOutput, "divide(1, 0) traps = IntegerDivideByZero", run.Describe());

        var rebuild = BuildAssert.Succeeded(workspace.Build("--no-incremental"), "rebuild");
        Assert.AreEqual(0, rebuild.Compiled, $"rebuild: {rebuild}");
        Assert.AreEqual(cold.Functions - cold.Deduplicated, rebuild.Cached, $"rebuild: {rebuild}");
    }

    [TestMethod]
    public void TwoModulesWithOneExportName_EachGetsItsClass_AndAnEditRecompilesOneFunction()
    {
        var wat2wasm = Prerequisite.RequireTool("wat2wasm");
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "wasm-pair", TestEnvironment.TestProject("WasmPair"));
        var alpha = Path.Combine(workspace.ProjectDirectory, "alpha.wat");
        var beta = Path.Combine(workspace.ProjectDirectory, "beta.wat");
        Assemble(wat2wasm, alpha);
        Assemble(wat2wasm, beta);

        var cold = BuildAssert.Succeeded(workspace.Build(), "cold build");
        ElfAssert.ObjectIsClean(workspace.ObjectFile, "cold build", "w2n_alpha__f1", "w2n_beta__f2");
        var output = RunApp(workspace, "cold build");
        StringAssert.Contains(output, "alpha.compute(5) = 26");
        StringAssert.Contains(output, "alpha.calls = 1");
        StringAssert.Contains(output, "beta.compute(5) = 150");
        StringAssert.Contains(output, "beta.pair(35) = 35, 42");
        StringAssert.Contains(output, "alpha.memory[16] = 1234");
        StringAssert.Contains(output, "alpha.store(65536, 1) trapped: MemoryOutOfBounds");
        StringAssert.Contains(output, "alpha.compute(6) after the trap = 37");

        // One constant in one function of beta: that function's stencil alone is new.
        workspace.Edit(beta, text => text.Replace("i32.const 3", "i32.const 4"));
        Assemble(wat2wasm, beta);
        workspace.Touch(Path.ChangeExtension(beta, ".wasm"));
        var edited = BuildAssert.Succeeded(workspace.Build(), "edit one constant");
        // The two modules share function types, so some trampolines are deduplicated rather than cached.
        Assert.AreEqual(1, edited.Compiled, $"edit one constant: {edited}");
        Assert.AreEqual(cold.Deduplicated, edited.Deduplicated, $"edit one constant: {edited}");
        Assert.AreEqual(cold.Functions - 1 - cold.Deduplicated, edited.Cached, $"edit one constant: {edited}");
        StringAssert.Contains(RunApp(workspace, "edit one constant"), "beta.compute(5) = 200");
    }

    [TestMethod]
    public void MalformedModule_FailsWithTheFrontEndsDiagnostic()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "wasm-malformed", TestEnvironment.TestProject("WasmPair"));
        File.WriteAllBytes(Path.Combine(workspace.ProjectDirectory, "broken.wasm"), [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01]);

        var build = workspace.Build();

        Assert.AreNotEqual(0, build.ExitCode, $"a malformed module must fail the build. {build.Describe()}");
        BuildAssert.NoStackTrace(build, "malformed module");
        StringAssert.Contains(build.Output, "broken.wasm", build.Describe());
        StringAssert.Contains(build.Output, "error STN5001", build.Describe());
        Assert.DoesNotContain("STN9", build.Output, $"a bad module was reported as an internal error. {build.Describe()}");
    }

    private static void Assemble(string wat2wasm, string wat)
    {
        var result = ProcessRunner.Run(wat2wasm, [wat, "-o", Path.ChangeExtension(wat, ".wasm")], Path.GetDirectoryName(wat)!, timeout: TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, result.ExitCode, $"wat2wasm failed. {result.Describe()}");
    }

    private static string RunApp(SampleWorkspace workspace, string step)
    {
        var run = workspace.RunApp();
        Assert.AreEqual(0, run.ExitCode, $"{step}: the app failed. {run.Describe()}");
        return run.StandardOutput;
    }
}
