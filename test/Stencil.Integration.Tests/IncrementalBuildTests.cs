namespace Stencil.Integration.Tests;

/// <summary>
/// One sample project taken through a user's edit-build loop, in order: each step starts from the state
/// the previous one left, exactly as a developer's working copy would.
/// </summary>
[TestClass]
public sealed class IncrementalBuildTests
{
    [TestMethod]
    public void Checksums_RecompilesOnlyWhatChanged_AndStaysCorrect()
    {
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "incremental");
        var functions = workspace.CountFunctions();
        var math = workspace.Kernel("math.clif");
        var hash = workspace.Kernel("hash.clif");

        // 1. Cold: everything compiled; the object is valid ELF; the app calls into the library and agrees with C#.
        var cold = BuildAssert.Succeeded(workspace.Build(), "cold build");
        Assert.AreEqual("Checksums", cold.Project);
        BuildAssert.Counts(cold, "cold build", functions, cached: 0, compiled: functions);
        Assert.IsTrue(File.Exists(workspace.ObjectFile), "cold build: no object file at " + workspace.ObjectFile);
        Assert.IsTrue(File.Exists(workspace.SharedLibrary), "cold build: no shared library at " + workspace.SharedLibrary);
        ElfAssert.ObjectIsClean(workspace.ObjectFile, "cold build", "fnv1a64", "hash_pair", "rotl64", "max2", "swap_nibbles");
        ElfAssert.LibraryExports(workspace.SharedLibrary, "cold build", "fnv1a64", "hash_pair", "gcd", "bswap16");
        BuildAssert.AppRunsCorrectly(workspace, "cold build");

        // 2. Nothing changed: MSBuild skips the target, so there is no summary at all.
        var idle = workspace.Build();
        Assert.AreEqual(0, idle.ExitCode, "no-change build: " + idle.Describe());
        Assert.IsEmpty(BuildSummary.ParseAll(idle.Output), "no-change build: StencilCompile ran. " + idle.Describe());
        StringAssert.Contains(idle.Output, "Skipping target \"StencilCompile\"", "no-change build: " + idle.Describe());

        // 3. Rebuild: Clean removes object and library but not the cache, so every function is a hit.
        var rebuild = BuildAssert.Succeeded(workspace.Build("--no-incremental"), "rebuild");
        BuildAssert.Counts(rebuild, "rebuild", functions, cached: functions, compiled: 0);
        Assert.IsTrue(File.Exists(workspace.SharedLibrary), "rebuild: the shared library was not relinked.");

        // 4. One function body edited (operands of a commutative op swapped: same results, new stencil).
        workspace.Edit(math, text => text.Replace("v3 = bxor v0, v2", "v3 = bxor v2, v0"));
        var edited = BuildAssert.Succeeded(workspace.Build(), "edit one body");
        BuildAssert.Counts(edited, "edit one body", functions, cached: functions - 1, compiled: 1);
        BuildAssert.AppRunsCorrectly(workspace, "edit one body");

        // 5a. Comments and blank lines above functions move their source locations, never their stencils.
        workspace.Edit(math, text => text.Replace("; Greatest common divisor", "\n\n; Inserted while editing.\n\n; Greatest common divisor"));
        var shifted = BuildAssert.Succeeded(workspace.Build(), "insert lines");
        BuildAssert.Counts(shifted, "insert lines", functions, cached: functions, compiled: 0);

        // 5b. A function moved within its file (the callee now precedes its caller).
        workspace.Edit(math, MoveMax2AboveMax3);
        var moved = BuildAssert.Succeeded(workspace.Build(), "move function");
        BuildAssert.Counts(moved, "move function", functions, cached: functions, compiled: 0);

        // 6. A callee renamed at its definition and at the call site's declaration: names are parameters.
        workspace.Edit(hash, text => text.Replace("%rotl64", "%rotate_left64"));
        var renamed = BuildAssert.Succeeded(workspace.Build(), "rename callee");
        BuildAssert.Counts(renamed, "rename callee", functions, cached: functions, compiled: 0);
        ElfAssert.ObjectIsClean(workspace.ObjectFile, "rename callee", "rotate_left64", "hash_pair");
        ElfAssert.LacksSymbol(workspace.ObjectFile, "rename callee", "rotl64");
        BuildAssert.AppRunsCorrectly(workspace, "rename callee");

        // 7. An object assembled entirely from the cache equals one compiled from nothing, byte for byte.
        var warmObject = File.ReadAllBytes(workspace.ObjectFile);
        foreach (var file in Directory.GetFiles(workspace.IntermediateDirectory, "stencil.cache*"))
            File.Delete(file);
        workspace.Touch(hash);
        var recompiled = BuildAssert.Succeeded(workspace.Build(), "cold again");
        BuildAssert.Counts(recompiled, "cold again", functions, cached: 0, compiled: functions);
        CollectionAssert.AreEqual(warmObject, File.ReadAllBytes(workspace.ObjectFile),
            "The object built from cached stencils differs from the object compiled without a cache.");
    }

    private static string MoveMax2AboveMax3(string text)
    {
        const string max3Comment = "; Largest of three";
        var start = text.IndexOf("function %max2", StringComparison.Ordinal);
        var end = text.IndexOf("\n}\n", start, StringComparison.Ordinal) + 3;
        var max2 = text[start..end];
        var withoutMax2 = text.Remove(start, end - start);
        var insertAt = withoutMax2.IndexOf(max3Comment, StringComparison.Ordinal);
        return withoutMax2.Insert(insertAt, max2 + "\n");
    }
}
