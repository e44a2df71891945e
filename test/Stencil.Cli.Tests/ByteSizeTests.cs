using Stencil.CacheDb;
namespace Stencil.Cli.Tests;

[TestClass]
public sealed class ByteSizeTests
{
    [TestMethod]
    [DataRow("0", 0L)]
    [DataRow("1048576", 1048576L)]
    [DataRow("512KB", 512L * 1024)]
    [DataRow("10MB", 10L * 1024 * 1024)]
    [DataRow("10 mb", 10L * 1024 * 1024)]
    [DataRow("1.5GiB", 3L * 512 * 1024 * 1024)]
    [DataRow("7B", 7L)]
    public void ParsesSizes(string text, long expected)
    {
        Assert.IsTrue(ByteSize.TryParse(text, out var bytes));
        Assert.AreEqual(expected, bytes);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("MB")]
    [DataRow("-1MB")]
    [DataRow("ten")]
    [DataRow("99999999999TB")]
    public void RejectsNonSizes(string text) => Assert.IsFalse(ByteSize.TryParse(text, out _));

    [TestMethod]
    public void FormatsHumanSizes()
    {
        Assert.AreEqual("812 B", ByteSize.Format(812));
        Assert.AreEqual("10.0 MiB", ByteSize.Format(10L * 1024 * 1024));
    }
}
