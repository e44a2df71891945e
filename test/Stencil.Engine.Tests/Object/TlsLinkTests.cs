namespace Stencil.Engine.Tests.Object;

/// <summary>General-dynamic TLS compiled by Stencil links with gcc and BFD ld and runs, in all three shapes, with
/// several threads each seeing its own variable (<see cref="TlsLinkRun"/>).</summary>
[TestClass]
public sealed class TlsLinkTests
{
    [TestMethod]
    public void X64ObjectLinksAndRunsInEveryShape()
    {
        var gcc = Prerequisite.RequireTool("gcc");
        var readelf = ExternalTool.RequireReadelf();
        using var dir = new TempDirectory();
        var obj = TlsLinkRun.Compile(dir, "x86_64-unknown-linux-gnu");
        var library = TlsLinkRun.LinkAndRun(dir, gcc, obj);
        // Kept general-dynamic in the library: the loader fills the variable's tls_index (module and offset).
        var (_, dynamic) = ExternalTool.Run(readelf, "-r", "-W", library);
        StringAssert.Contains(dynamic, "R_X86_64_DTPMOD64");
        Assert.DoesNotContain("TEXTREL", ExternalTool.Run(readelf, "-d", library).Output);
    }

    [TestMethod]
    public void S390xObjectLinksAndRunsUnderQemuInEveryShape()
    {
        var gcc = Prerequisite.RequireTool("s390x-linux-gnu-gcc");
        var qemu = Prerequisite.RequireTool("qemu-s390x");
        var readelf = Prerequisite.RequireTool("s390x-linux-gnu-readelf");
        using var dir = new TempDirectory();
        var obj = TlsLinkRun.Compile(dir, "s390x-unknown-linux-gnu");
        // The table order BFD ld's GD->IE relaxation needs: the brasl's PLT32DBL, then its TLS_GDCALL.
        var (_, relocations) = ExternalTool.Run(readelf, "-r", "-W", obj);
        var kinds = relocations.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 2 && f[2].StartsWith("R_390_", StringComparison.Ordinal)).Select(f => f[2]).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "R_390_PC32DBL", "R_390_TLS_GD64", "R_390_PLT32DBL", "R_390_TLS_GDCALL",
            "R_390_PC32DBL", "R_390_TLS_GD64", "R_390_PLT32DBL", "R_390_TLS_GDCALL",
        }, kinds, relocations);
        var library = TlsLinkRun.LinkAndRun(dir, gcc, obj, qemu, "-L", "/usr/s390x-linux-gnu");
        var (_, dynamic) = ExternalTool.Run(readelf, "-r", "-W", library);
        StringAssert.Contains(dynamic, "R_390_TLS_DTPMOD");
        Assert.DoesNotContain("TEXTREL", ExternalTool.Run(readelf, "-d", library).Output);
    }
}
