using Stencil.Engine.FileTests;
using Stencil.Isa;

namespace Stencil.Engine.Tests.FileTests;

/// <summary>
/// Every file under <c>test/filetests</c> (the mid-end's and backend's own file tests, one per pass or
/// feature, with expected output after each function) must pass: any output that differs from what the file
/// states fails, and so does any run directive. Blessing is off here whatever the environment says.
/// </summary>
[TestClass]
public sealed class FileTestsFolderTests
{
    public static IEnumerable<object[]> Files() =>
        FileTestRunner.ExpandPaths([Folder()]).Select(f => new object[] { Path.GetRelativePath(Folder(), f) });

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void FilePasses(string relativePath)
    {
        var result = FileTestRunner.RunFile(Path.Combine(Folder(), relativePath), new FileTestOptions { Bless = false });
        Assert.IsNull(result.Error, result.Error);
        Assert.IsNull(result.Crash, result.Crash);
        var failures = result.Directives.Where(d => d.Outcome != DirectiveOutcome.Passed).Select(d => d.ToString()).ToList();
        Assert.IsEmpty(failures, string.Join("\n", failures));
        Assert.IsGreaterThan(0, result.Passed, "the file checks nothing");
    }

    [TestMethod]
    public void FolderHoldsOutputTestsOfBothKinds()
    {
        var results = FileTestRunner.RunPaths([Folder()], new FileTestOptions { Bless = false, Native = false, Interpret = false });
        var modes = results.Files.SelectMany(f => f.Directives).Select(d => d.Mode).Distinct().ToList();
        CollectionAssert.Contains(modes, FileTestMode.Optimize);
        CollectionAssert.Contains(modes, FileTestMode.Compile);
    }

    /// <summary>The run files that also name s390x pass there too: compiled into one object, linked with the cross gcc
    /// and run under qemu-s390x, for both allocators.</summary>
    [TestMethod]
    [DataRow(OptLevel.None)]
    [DataRow(OptLevel.Speed)]
    public void RunFilesNamingS390xPassUnderQemu(OptLevel optLevel)
    {
        Prerequisite.RequireTool("qemu-s390x");
        Prerequisite.RequireTool("s390x-linux-gnu-gcc");
        var files = FileTestRunner.ExpandPaths([Path.Combine(Folder(), "run")])
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("target s390x", StringComparison.Ordinal)))
            .ToList();
        Assert.IsNotEmpty(files, "no run file names s390x");
        var options = new FileTestOptions { Bless = false, Interpret = false, Target = TargetTriple.Parse("s390x-unknown-linux-gnu"), ForcedOptLevel = optLevel };
        var summary = FileTestRunner.RunPaths(files, options);
        var failures = summary.Files.SelectMany(f => f.Directives.Where(d => d.Outcome != DirectiveOutcome.Passed).Select(d => $"{f.Path}: {d}")
            .Concat(new[] { f.Error, f.Crash }.OfType<string>().Select(e => $"{f.Path}: {e}"))).ToList();
        Assert.IsEmpty(failures, string.Join("\n", failures));
        Assert.IsGreaterThan(0, summary.Passed, "the files check nothing");
    }

    private static string Folder() => RepositoryRoot.Combine("test", "filetests");
}
