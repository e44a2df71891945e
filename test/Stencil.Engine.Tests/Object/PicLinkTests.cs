using System.Runtime.InteropServices;
using Stencil.Engine.Building;
using Stencil.Engine.Linking;

namespace Stencil.Engine.Tests.Object;

/// <summary>Code built with and without <c>is_pic</c> links into a shared library without text relocations and runs;
/// with it, the call to a function outside the module and every address go through the GOT. Without it, the address
/// of a function declared <c>colocated</c> is PC-relative (R_X86_64_PC32), which ld refuses against an exported
/// function in a shared object, so the default case takes that address through a non-colocated reference.</summary>
[TestClass]
public sealed unsafe class PicLinkTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Source = """
        function %pic_scale(i64) -> i64 {
        block0(v0: i64):
            v1 = imul_imm v0, 3
            return v1
        }

        function %pic_caller(i64) -> i64 {
            sig0 = (i64) -> i64
            fn0 = %pic_scale sig0
            fn1 = COLOCATED%pic_scale sig0
        block0(v0: i64):
            v1 = call fn0(v0)
            v2 = func_addr.i64 fn1
            v3 = call_indirect sig0, v2(v1)
            return v3
        }
        """;

    [TestMethod]
    [DataRow("is_pic=false", "R_X86_64_PLT32", "R_X86_64_GOTPCREL")]
    [DataRow("is_pic=true", "R_X86_64_GOTPCREL", null)]
    public void LinksIntoASharedLibraryAndRuns(string setting, string expectedReloc, string? alsoExpected)
    {
        ExternalTool.RequireCompiler();
        var readelf = ExternalTool.RequireReadelf();
        using var dir = new TempDirectory();
        var source = dir.File("pic.clif");
        // Only is_pic may take the colocated function's address: it goes through the GOT then.
        File.WriteAllText(source, Source.Replace("COLOCATED", setting == "is_pic=true" ? "colocated " : ""));
        var obj = dir.File("pic.o");
        var result = ProjectBuilder.Build(new ProjectBuildRequest("pic", [source], obj) { Settings = [setting] });
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));

        var (_, relocations) = ExternalTool.Run(readelf, "-r", "-W", obj);
        TestContext.WriteLine(relocations);
        Assert.Contains(expectedReloc, relocations);
        if (alsoExpected is { } other) Assert.Contains(other, relocations);
        else
        {
            // Under is_pic nothing is reached PC-relatively or through the PLT.
            Assert.DoesNotContain("R_X86_64_PC32", relocations);
            Assert.DoesNotContain("R_X86_64_PLT32", relocations);
        }

        var library = dir.File("libpic.so");
        Assert.IsTrue(SystemLinker.TryLinkSharedLibrary(obj, library, out var diagnostics), diagnostics);
        Assert.DoesNotContain("warning", diagnostics, "no text relocations");
        var handle = NativeLibrary.Load(library);
        try
        {
            var caller = (delegate* unmanaged<long, long>)NativeLibrary.GetExport(handle, "pic_caller");
            Assert.AreEqual(63L, caller(7));
        }
        finally { NativeLibrary.Free(handle); }
    }
}
