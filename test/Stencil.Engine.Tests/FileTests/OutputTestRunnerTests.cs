using Stencil.Engine.FileTests;

namespace Stencil.Engine.Tests.FileTests;

/// <summary><c>test optimize</c> / <c>test compile</c>: exact expectations, check patterns, and blessing.</summary>
[TestClass]
public sealed class OutputTestRunnerTests
{
    private const string Header = "test optimize\nset opt_level=speed\ntarget x86_64\n\n";

    private const string Function = """
        function %f(i32) -> i32 {
        block0(v0: i32):
            v1 = iconst.i32 0
            v2 = iadd v0, v1
            return v2
        }
        """;

    private const string Optimized = """
        ; function %f(i32) -> i32 fast {
        ; block0(v0: i32):
        ;     return v0
        ; }
        """;

    private static FileTestOptions NoBless => new() { Bless = false };

    [TestMethod]
    public void ExactExpectationPasses()
    {
        var result = FileTestRunner.RunText(Header + Function + "\n\n" + Optimized + "\n", "t.clif", NoBless);
        Assert.AreEqual(1, result.Passed, string.Join("\n", result.Directives));
        Assert.AreEqual(FileTestMode.Optimize, result.Directives[0].Mode);
    }

    [TestMethod]
    public void DifferingExpectationFailsAndSaysHowToBless()
    {
        var wrong = Optimized.Replace("return v0", "return v2");
        var result = FileTestRunner.RunText(Header + Function + "\n\n" + wrong + "\n", "t.clif", NoBless);
        Assert.AreEqual(1, result.Failed);
        StringAssert.Contains(result.Directives[0].Message, "STENCIL_BLESS=1");
    }

    [TestMethod]
    public void MissingExpectationFails()
    {
        var result = FileTestRunner.RunText(Header + Function + "\n", "t.clif", NoBless);
        Assert.AreEqual(1, result.Failed);
        StringAssert.Contains(result.Directives[0].Message, "no expected output");
    }

    [TestMethod]
    public void CheckPatternsMatchInOrder()
    {
        var patterns = "; check: block0(v0: i32):\n; nextln: return v0\n; not: iadd\n";
        Assert.AreEqual(1, FileTestRunner.RunText(Header + Function + "\n\n" + patterns, "t.clif", NoBless).Passed);
        var bad = "; check: block0(v0: i32):\n; not: return\n";
        var result = FileTestRunner.RunText(Header + Function + "\n\n" + bad, "t.clif", NoBless);
        Assert.AreEqual(1, result.Failed);
        StringAssert.Contains(result.Directives[0].Message, "not: return");
    }

    [TestMethod]
    public void BlessWritesTheExpectationThenItPasses()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stencil-bless-{Guid.NewGuid():N}.clif");
        try
        {
            File.WriteAllText(path, Header + Function + "\n; run: %f(3) == 3\n");
            var blessed = FileTestRunner.RunFile(path, new FileTestOptions { Bless = true });
            Assert.AreEqual(1, blessed.Passed);
            var text = File.ReadAllText(path);
            StringAssert.Contains(text, Optimized.Replace("\r\n", "\n"));
            StringAssert.Contains(text, "\n\n; run: %f(3) == 3");
            Assert.AreEqual(1, FileTestRunner.RunFile(path, NoBless).Passed);
            // Blessing again changes nothing.
            FileTestRunner.RunFile(path, new FileTestOptions { Bless = true });
            Assert.AreEqual(text, File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void CompileShowsDisassembly()
    {
        var text = "test compile\nset opt_level=speed\ntarget x86_64\n\n" + Function + "\n\n; check: push rbp\n; check: mov\n; not: add\n; check: ret\n";
        var result = FileTestRunner.RunText(text, "t.clif", NoBless);
        Assert.AreEqual(1, result.Passed, string.Join("\n", result.Directives));
        Assert.AreEqual(FileTestMode.Compile, result.Directives[0].Mode);
    }

    [TestMethod]
    public void OptimizeAndCompileCannotShareAFile()
    {
        var result = FileTestRunner.RunText("test optimize\ntest compile\n" + Function, "t.clif", NoBless);
        Assert.IsNotNull(result.Error);
    }
}
