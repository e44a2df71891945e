using Stencil.Engine.FileTests;

namespace Stencil.Engine.Tests.FileTests;

[TestClass]
public sealed class FileTestRunnerTests
{
    private static FileTestResult Run(string text) => FileTestRunner.RunText(text, "inline.clif");

    [TestMethod]
    public void PassingDirectivesPassNativelyAndInterpreted()
    {
        var result = Run("""
            test interpret
            test run
            target x86_64

            function %add(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = iadd v0, v1
                return v2
            }
            ; run: %add(1, 2) == 3
            ; run: %add(-1, 1) == 0
            ; run: %add(0x7fffffff, 1) == 0x80000000
            ; run: %add(1, 1) != 3

            function %pair(f64) -> f64, i8 {
            block0(v0: f64):
                v1 = fadd v0, v0
                v2 = fcmp uno v0, v0
                return v1, v2
            }
            ; run: %pair(0x1.8p1) == [0x1.8p2, 0]
            ; run: %pair(NaN) == [NaN, 1]
            ; run: %pair(-0.0) == [-0.0, 0]

            function %one() -> i8 {
            block0:
                v0 = iconst.i8 1
                return v0
            }
            ; run
            ; run: %one()
            """);
        Assert.IsNull(result.Error);
        Assert.IsNull(result.Crash);
        Assert.AreEqual(0, result.Failed, string.Join("\n", result.Directives));
        Assert.AreEqual(9, result.Directives.Count(d => d.Mode == FileTestMode.Native));
        Assert.AreEqual(9, result.Directives.Count(d => d.Mode == FileTestMode.Interpret));
        Assert.AreEqual(18, result.Passed);
    }

    [TestMethod]
    public void WrongExpectationsFailWithBothValues()
    {
        var result = Run("""
            test run
            function %id(i64) -> i64 {
            block0(v0: i64):
                return v0
            }
            ; run: %id(5) == 6
            ; run: %id(5) != 5
            ; run: %id(5, 6) == 5
            ; run: %missing(1) == 1
            """);
        Assert.AreEqual(4, result.Failed, string.Join("\n", result.Directives));
        StringAssert.Contains(result.Directives[0].Message, "expected 6, got 5");
        StringAssert.Contains(result.Directives[2].Message, "takes 1 arguments");
        StringAssert.Contains(result.Directives[3].Message, "no function `%missing`");
        Assert.IsFalse(result.Succeeded);
    }

    [TestMethod]
    public void UnexpectedTrapsFailTheDirectiveNotTheRunner()
    {
        var result = Run("""
            test run
            target x86_64
            function %guard(i32) -> i32 {
            block0(v0: i32):
                trapz v0, user9
                return v0
            }
            ; run: %guard(0) == 0
            ; run: %guard(3) == 3

            function %div(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = udiv v0, v1
                return v2
            }
            ; run: %div(7, 0) == 0
            ; run: %div(7, 2) == 3
            """);
        Assert.IsNull(result.Crash);
        Assert.AreEqual(DirectiveOutcome.Failed, result.Directives[0].Outcome);
        StringAssert.Contains(result.Directives[0].Message, "trapped: user9");
        Assert.AreEqual(DirectiveOutcome.Passed, result.Directives[1].Outcome);
        Assert.AreEqual(DirectiveOutcome.Failed, result.Directives[2].Outcome);
        StringAssert.Contains(result.Directives[2].Message, "int_divz");
        Assert.AreEqual(DirectiveOutcome.Passed, result.Directives[3].Outcome);
    }

    [TestMethod]
    public void WildMemoryAccessesFailWithoutKillingTheRunner()
    {
        var result = Run("""
            test run
            function %peek(i64) -> i32 {
            block0(v0: i64):
                v1 = load.i32 notrap v0
                return v1
            }
            ; run: %peek(0) == 0
            ; run: %peek(8) == 0
            """);
        Assert.IsNull(result.Crash);
        Assert.AreEqual(2, result.Failed, string.Join("\n", result.Directives));
        StringAssert.Contains(result.Directives[0].Message, "signal 11");
    }

    [TestMethod]
    public void ExpectedTrapsPassWhenTheCodeMatches()
    {
        var result = Run("""
            test run
            test interpret
            function %guard(i32) -> i32 {
            block0(v0: i32):
                trapz v0, user9
                return v0
            }
            ; run: %guard(0) == trap
            ; run: %guard(0) == trap user9
            ; run: %guard(0) == trap int_divz
            ; run: %guard(1) == trap
            """);
        var native = result.Directives.Where(d => d.Mode == FileTestMode.Native).ToList();
        var interpreted = result.Directives.Where(d => d.Mode == FileTestMode.Interpret).ToList();
        foreach (var mode in new[] { native, interpreted })
        {
            Assert.HasCount(4, mode);
            Assert.AreEqual(DirectiveOutcome.Passed, mode[0].Outcome, mode[0].ToString());
            Assert.AreEqual(DirectiveOutcome.Passed, mode[1].Outcome, mode[1].ToString());
            Assert.AreEqual(DirectiveOutcome.Failed, mode[2].Outcome);
            StringAssert.Contains(mode[2].Message, "expected trap int_divz, got user9");
            Assert.AreEqual(DirectiveOutcome.Failed, mode[3].Outcome);
            StringAssert.Contains(mode[3].Message, "expected a trap");
        }
    }

    [TestMethod]
    public void BackendGapsAreUnsupportedForTheFunctionAndItsCallers()
    {
        var result = Run("""
            test run
            target x86_64
            function %cc(i32) -> i32 {
            block0(v0: i32):
                v1 = splat.i32x4 v0
                v2 = extractlane v1, 0
                return v2
            }
            ; run: %cc(1) == 1

            function %caller(i32) -> i32 {
                fn0 = %cc(i32) -> i32
            block0(v0: i32):
                v1 = call fn0(v0)
                return v1
            }
            ; run: %caller(1) == 1
            """);
        Assert.AreEqual(2, result.Unsupported, string.Join("\n", result.Directives));
        StringAssert.Contains(result.Directives[0].Message, "STN3");
        StringAssert.Contains(result.Directives[1].Message, "calls %cc");
        Assert.IsTrue(result.Succeeded, "unsupported is not a failure");
    }

    [TestMethod]
    public void InterpretEveryFileRunsDirectivesOfFilesWithoutTestInterpret()
    {
        const string text = """
            test run
            target aarch64
            function %f() -> i8 {
            block0:
                v0 = iconst.i8 7
                return v0
            }
            ; run: %f() == 7
            ; run: %f() == 8
            """;
        Assert.IsEmpty(Run(text).Directives, "without the option only `test interpret` files are interpreted");
        var result = FileTestRunner.RunText(text, "inline.clif", new FileTestOptions { Native = false, InterpretEveryFile = true });
        Assert.IsTrue(result.Directives.All(d => d.Mode == FileTestMode.Interpret));
        Assert.AreEqual(1, result.Passed);
        Assert.AreEqual(1, result.Failed);
    }

    [TestMethod]
    public void OtherTargetsSkipNativeRunsAndParseErrorsAreReported()
    {
        var skipped = Run("""
            test run
            target aarch64
            function %f() -> i8 {
            block0:
                v0 = iconst.i8 0
                return v0
            }
            ; run
            """);
        Assert.IsEmpty(skipped.Directives);
        Assert.HasCount(1, skipped.Notes);

        var broken = Run("test run\nfunction %f( {\n");
        Assert.IsNotNull(broken.Error);
        Assert.IsFalse(broken.Succeeded);
    }

    [TestMethod]
    public void RunPathsSummarizesEveryFileOfADirectory()
    {
        var dir = Directory.CreateTempSubdirectory("stencil-filetests-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.clif"), """
                test run
                function %k() -> i32 {
                block0:
                    v0 = iconst.i32 4
                    return v0
                }
                ; run: %k() == 4
                ; run: %k() == 5
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "b.clif"), """
                test interpret
                function %k() -> i32 {
                block0:
                    v0 = iconst.i32 4
                    return v0
                }
                ; run: %k() == 4
                """);
            File.WriteAllText(Path.Combine(dir.FullName, TierManifest.FileName), "file\ttier\na.clif\tscalar\nb.clif\tlater\n");
            var summary = FileTestRunner.RunPaths([dir.FullName]);
            Assert.HasCount(2, summary.Files);
            Assert.AreEqual("run directives: 2 passed, 1 failed, 0 unsupported", summary.Line);
            Assert.IsFalse(summary.Succeeded);
            var tiers = TierManifest.TryLoad(dir.FullName)!.Summarize(summary.Files);
            Assert.AreEqual("scalar", tiers[0].Tier);
            Assert.AreEqual(1, tiers[0].Failed);
            Assert.AreEqual(1, tiers[1].Passed);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
