using Stencil.Engine.Building;
using Stencil.Server.Building;
using Stencil.Server.Protocol;

namespace Stencil.Server.Tests;

/// <summary>A build for s390x links its shared library with the cross gcc; without one the object is the product and a
/// warning (STN4013) says why the library is missing.</summary>
[TestClass]
public sealed class CrossLinkTests
{
    private const string Source = """
        function %add(i64, i64) -> i64 system_v {
        block0(v0: i64, v1: i64):
            v2 = iadd v0, v1
            return v2
        }
        """;

    [TestMethod]
    public void AnS390xBuildLinksWithTheCrossCompiler()
    {
        Prerequisite.RequireTool("s390x-linux-gnu-gcc");
        var readelf = Prerequisite.RequireTool("s390x-linux-gnu-readelf");
        using var work = new TempDirectory();
        var log = new BuildLog();
        var outcome = CompileJob.Run(Request(work, "s390x-unknown-linux-gnu"), log, CancellationToken.None);
        Assert.IsTrue(outcome.Succeeded, string.Join("\n", log.Entries.Select(e => e.Text)));
        Assert.IsFalse(log.Entries.Any(e => e.Kind == LogKind.Warning), string.Join("\n", log.Entries.Select(e => e.Text)));
        var (exit, output) = ExternalProcess.Run(readelf, "-h", "--dyn-syms", "-W", work.File("libk.so"));
        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "IBM S/390");
        StringAssert.Contains(output, "DYN (Shared object file)");
        StringAssert.Contains(output, "FUNC    GLOBAL DEFAULT");
    }

    [TestMethod]
    public void WithoutACrossLinkerTheObjectIsBuiltAndAWarningSaysWhy()
    {
        using var work = new TempDirectory();
        var log = new BuildLog();
        // No toolchain is named for this environment, so no cross gcc can be on PATH.
        var outcome = CompileJob.Run(Request(work, "s390x-unknown-linux-stencilnone"), log, CancellationToken.None);
        Assert.IsTrue(outcome.Succeeded, string.Join("\n", log.Entries.Select(e => e.Text)));
        var warning = log.Entries.Single(e => e.Kind == LogKind.Warning);
        Assert.AreEqual(BuildDiagnosticCodes.CrossLinkerMissing, warning.Code);
        StringAssert.Contains(warning.Text, "s390x-linux-stencilnone-gcc");
        Assert.IsTrue(File.Exists(work.File("k.o")));
        Assert.AreEqual(22, BitConverter.ToUInt16([.. File.ReadAllBytes(work.File("k.o")).AsSpan(18, 2).ToArray().Reverse()]), "an EM_S390 object");
        Assert.IsFalse(File.Exists(work.File("libk.so")));
    }

    private static CompileRequest Request(TempDirectory work, string triple) => new()
    {
        ProjectName = "K",
        Sources = [work.Write("k.clif", Source)],
        ObjectFile = work.File("k.o"),
        Triple = triple,
        SharedLibrary = work.File("libk.so"),
    };
}
