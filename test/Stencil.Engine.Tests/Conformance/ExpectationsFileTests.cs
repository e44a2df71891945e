namespace Stencil.Engine.Tests.Conformance;

/// <summary>The comparison the corpus tests rest on: every difference is named, none is let through.</summary>
[TestClass]
public sealed class ExpectationsFileTests
{
    private static readonly Expectation[] Listed =
    [
        new("a.clif:10", "failed", "expected 1, got 2"),
        new("a.clif:9", "unsupported", "f16"),
        new("b.clif", "does-not-parse", "error STN1001: x"),
    ];

    [TestMethod]
    public void TheSameEntriesInAnyOrderHaveNoDifference() =>
        Assert.IsEmpty(ExpectationsFile.Differences(Listed, Listed.Reverse().ToArray()));

    [TestMethod]
    public void NewFailuresNewPassesAndChangedEntriesAreEachNamed()
    {
        var actual = new Expectation[]
        {
            new("a.clif:10", "failed", "expected 1, got 3"),
            new("b.clif", "does-not-parse", "error STN1001: x"),
            new("c.clif:4", "failed", "trapped: int_ovf"),
        };
        var differences = ExpectationsFile.Differences(Listed, actual);
        CollectionAssert.AreEqual(new[]
        {
            "new pass: a.clif:9 (listed as unsupported: f16)",
            "changed: a.clif:10: listed as failed: expected 1, got 2; now failed: expected 1, got 3",
            "new failed: c.clif:4: trapped: int_ovf",
        }, differences.ToArray());
    }

    [TestMethod]
    public void EntriesSortByFileThenLineNumber() =>
        CollectionAssert.AreEqual(new[] { "a.clif:9", "a.clif:10", "b.clif" }, ExpectationsFile.Sort(Listed).Select(e => e.Key).ToArray());

    [TestMethod]
    public void ReasonsBecomeOneBoundedLine()
    {
        var entry = Expectation.Of(" a.clif:1 ", "failed", "line one\n\tline two  " + new string('x', 400));
        Assert.AreEqual("a.clif:1", entry.Key);
        Assert.StartsWith("line one line two xxx", entry.Reason);
        Assert.AreEqual(Expectation.MaxReasonLength, entry.Reason.Length);
        Assert.DoesNotContain("\t", entry.ToString().Split('\t', 3)[2]);
    }

    [TestMethod]
    public void ReadSkipsCommentsAndRejectsMalformedLines()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.tsv", "# header\n\na.clif:9\tunsupported\tf16\n");
        Assert.AreEqual(new Expectation("a.clif:9", "unsupported", "f16"), ExpectationsFile.Read(good).Single());
        var bad = dir.Write("bad.tsv", "a.clif:9 unsupported f16\n");
        Assert.ThrowsExactly<FormatException>(() => ExpectationsFile.Read(bad));
        Assert.IsEmpty(ExpectationsFile.Read(dir.File("missing.tsv")));
    }
}
