using Stencil.Engine.Linking;
using Stencil.Engine.Module;
using Stencil.Engine.Object;

namespace Stencil.Engine.Tests.Object;

/// <summary>The object is judged by the real tools: binutils must read it cleanly and the system linker
/// must turn it into a working shared library and executable.</summary>
[TestClass]
public sealed class SystemToolTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void ReadelfReadsTheObjectWithoutComplaint()
    {
        var readelf = ExternalTool.RequireReadelf();
        using var dir = new TempDirectory();
        var obj = dir.File("sample.o");
        File.WriteAllBytes(obj, SampleObject.Build(new ObjectModuleOptions { FileSymbolName = "sample.clif" }).Finish().Emit());

        var (exit, output) = ExternalTool.Run(readelf, "-a", "-W", obj);
        TestContext.WriteLine(output);
        Assert.AreEqual(0, exit, output);
        var complaints = output.Split('\n').Where(l => l.Contains("Warning", StringComparison.OrdinalIgnoreCase) || l.Contains("Error", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.IsEmpty(complaints, string.Join('\n', complaints));
        foreach (var expected in new[]
        {
            "REL (Relocatable file)", "Advanced Micro Devices X86-64", ".note.GNU-stack", ".rela.text", ".rela.data.rel.ro",
            "R_X86_64_PLT32", "R_X86_64_PC32", "R_X86_64_GOTPCREL", "R_X86_64_64", "memcmp - 4", "host_scale - 4",
            "FUNC    GLOBAL DEFAULT", "FUNC    LOCAL  DEFAULT", "OBJECT  GLOBAL HIDDEN", "NOTYPE  GLOBAL DEFAULT  UND memcmp",
            "sample.clif",
        })
            Assert.Contains(expected, output);
    }

    [TestMethod]
    public void ReadelfReadsAnEmptyObject()
    {
        var readelf = ExternalTool.RequireReadelf();
        using var dir = new TempDirectory();
        var obj = dir.File("empty.o");
        File.WriteAllBytes(obj, new ObjectModule().Finish().Emit());
        var (exit, output) = ExternalTool.Run(readelf, "-a", "-W", obj);
        Assert.AreEqual(0, exit, output);
        Assert.DoesNotContain("Warning", output);
    }

    [TestMethod]
    public void ObjectLinksIntoAnExecutableThatRunsCorrectly()
    {
        ExternalTool.RequireCompiler();
        using var dir = new TempDirectory();
        var obj = dir.File("sample.o");
        File.WriteAllBytes(obj, SampleObject.Build().Finish().Emit());
        File.WriteAllText(dir.File("main.c"), SampleObject.CDriver);
        var exe = dir.File("sample");

        Assert.IsTrue(SystemLinker.TryLinkExecutable([dir.File("main.c"), obj], exe, out var diagnostics), diagnostics);
        Assert.DoesNotContain("warning", diagnostics);
        var (exit, output) = ExternalTool.Run(exe);
        Assert.AreEqual(0, exit, $"the C driver's check number {exit} failed. {output}");
    }

    [TestMethod]
    public void ObjectLinksIntoASharedLibraryThatAProgramUses()
    {
        ExternalTool.RequireCompiler();
        using var dir = new TempDirectory();
        var obj = dir.File("sample.o");
        File.WriteAllBytes(obj, SampleObject.Build().Finish().Emit());
        var library = dir.File("libsample.so");

        Assert.IsTrue(SystemLinker.TryLinkSharedLibrary(obj, library, out var diagnostics), diagnostics);
        Assert.IsTrue(File.Exists(library));
        Assert.DoesNotContain("warning", diagnostics, "the linker accepts the object silently (no text relocations, no executable stack)");

        File.WriteAllText(dir.File("main.c"), SampleObject.CDriver);
        var exe = dir.File("uses-library");
        Assert.IsTrue(SystemLinker.TryLinkExecutable(
            [dir.File("main.c"), "-L" + dir.Path, "-lsample", "-Wl,-rpath," + dir.Path], exe, out diagnostics), diagnostics);
        var (exit, output) = ExternalTool.Run(exe);
        Assert.AreEqual(0, exit, $"the C driver's check number {exit} failed. {output}");

        var readelf = ExternalTool.RequireReadelf();
        var (_, dynamic) = ExternalTool.Run(readelf, "--dyn-syms", "-W", library);
        var exported = dynamic.Split('\n').Where(l => l.Contains(" GLOBAL ") && !l.Contains(" UND ")).Select(l => l.Trim().Split(' ')[^1]).ToHashSet();
        foreach (var name in new[] { "add", "call_add", "same_mem", "quad", "get_magic", "bump", "scaled", "counter", "fn_table" })
            Assert.Contains(name, exported);
        Assert.DoesNotContain("twice", exported, "a Local function must not be exported");
        Assert.DoesNotContain("magic", exported, "a Hidden data object must not be exported");
    }

    [TestMethod]
    public void LinkerFailureIsReportedNotThrown()
    {
        ExternalTool.RequireCompiler();
        using var dir = new TempDirectory();
        var notAnObject = dir.File("garbage.o");
        File.WriteAllText(notAnObject, "this is not an object file");
        Assert.IsFalse(SystemLinker.TryLinkSharedLibrary(notAnObject, dir.File("out.so"), out var diagnostics));
        Assert.Contains("exited with code", diagnostics);
    }

    [TestMethod]
    public void MissingLinkerIsReportedNotThrown()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("no-such-linker");
        Assert.IsFalse(SystemLinker.TryLinkSharedLibrary(dir.File("a.o"), dir.File("a.so"), out var diagnostics, missing));
        Assert.Contains("not found", diagnostics);
        Assert.IsFalse(SystemLinker.TryLinkSharedLibrary(dir.File("a.o"), dir.File("a.so"), out diagnostics, "stencil-no-such-driver-on-path"));
        Assert.Contains("stencil-no-such-driver-on-path", diagnostics);
    }

    [TestMethod]
    public void ExplicitLinkerPathIsUsed()
    {
        var driver = ExternalTool.RequireCompiler();
        using var dir = new TempDirectory();
        var obj = dir.File("sample.o");
        File.WriteAllBytes(obj, SampleObject.Build().Finish().Emit());
        Assert.IsTrue(SystemLinker.TryLinkSharedLibrary(obj, dir.File("libx.so"), out var diagnostics, driver), diagnostics);
        Assert.IsTrue(File.Exists(dir.File("libx.so")));
    }

    [TestMethod]
    public void FindCompilerDriverReturnsAnExistingFile()
    {
        var driver = SystemLinker.FindCompilerDriver();
        if (driver is null) Prerequisite.Missing("a C compiler driver (`cc` or `gcc`) on PATH");
        Assert.IsTrue(File.Exists(driver), driver);
        Assert.IsTrue(Path.GetFileName(driver) is "cc" or "gcc", driver);
    }
}
