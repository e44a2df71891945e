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
}
