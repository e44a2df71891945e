namespace Stencil.Integration.Tests;

/// <summary><c>StencilTargetTriple=s390x-unknown-linux-gnu</c> in a real <c>dotnet build</c>: the package builds a
/// big-endian EM_S390 object and links it with the cross gcc into an s390x shared library.</summary>
[TestClass]
public sealed class S390xBuildTests
{
    [TestMethod]
    public void AnS390xProjectBuildsAnS390xSharedLibrary()
    {
        Prerequisite.RequireTool("s390x-linux-gnu-gcc");
        var readelf = Prerequisite.RequireTool("s390x-linux-gnu-readelf");
        var workspace = SampleWorkspace.Create(IntegrationRun.Feed, "s390x");
        var functions = workspace.CountFunctions();
        var build = workspace.Build("-p:StencilTargetTriple=s390x-unknown-linux-gnu");
        BuildAssert.Counts(BuildAssert.Succeeded(build, "s390x"), "s390x", functions, cached: 0, compiled: functions);
        Assert.IsEmpty(BuildAssert.Warnings(build, "STN4013"), build.Describe());

        var obj = ProcessRunner.Run(readelf, ["-h", "-W", workspace.ObjectFile], workspace.Root, timeout: TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, obj.ExitCode, obj.Describe());
        foreach (var expected in new[] { "REL (Relocatable file)", "IBM S/390", "big endian" })
            StringAssert.Contains(obj.StandardOutput, expected, obj.Describe());

        var library = ProcessRunner.Run(readelf, ["-h", "--dyn-syms", "-W", workspace.SharedLibrary], workspace.Root, timeout: TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, library.ExitCode, library.Describe());
        Assert.AreEqual("", library.StandardError.Trim(), library.Describe());
        foreach (var expected in new[] { "DYN (Shared object file)", "IBM S/390", "big endian" })
            StringAssert.Contains(library.StandardOutput, expected, library.Describe());
        var exported = library.StandardOutput.Split('\n').Where(l => l.Contains(" FUNC ") && l.Contains(" GLOBAL ") && !l.Contains(" UND "))
            .Select(l => l.Trim().Split(' ')[^1]).ToHashSet();
        var names = workspace.Kernels.SelectMany(File.ReadLines).Where(l => l.StartsWith("function %", StringComparison.Ordinal))
            .Select(l => l["function %".Length..l.IndexOf('(')]).ToList();
        Assert.HasCount(functions, names);
        foreach (var name in names) Assert.Contains(name, exported, "every function of the project is exported. " + library.Describe());
    }
}
