using System.Runtime.InteropServices;
using Stencil.Engine.Building;
using Stencil.Engine.Tests.Object;

namespace Stencil.Engine.Tests.Building;

[TestClass]
public sealed partial class ObjectFileWriterTests
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Larger than the writer's comparison chunk, so a difference deep in the file must still be found.</summary>
    private static byte[] Content(int length, byte seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="bytes"/> to <c>out.o</c> and gives the file a second name, <c>alias.o</c>: a
    /// rewrite replaces the file at <c>out.o</c> and leaves the alias on the old one.</summary>
    private static (string Path, string Alias) WrittenWithAlias(TempDirectory dir, byte[] bytes)
    {
        var path = dir.File("out.o");
        ObjectFileWriter.WriteAtomically(path, bytes);
        var alias = dir.File("alias.o");
        Assert.AreEqual(0, Link(path, alias), "hard link");
        return (path, alias);
    }

    [TestMethod]
    public void WritesANewFileAndItsDirectory()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nested", "out.o");
        var bytes = Content(1000, 1);

        ObjectFileWriter.WriteAtomically(path, bytes);

        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(path));
        Assert.HasCount(1, Directory.GetFiles(Path.GetDirectoryName(path)!), "no temporary file is left behind");
    }

    [TestMethod]
    public void ReplacesDifferentContentOfAnyLength()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.o");
        var first = Content(700_000, 2);
        ObjectFileWriter.WriteAtomically(path, first);

        var longer = Content(700_001, 3);
        ObjectFileWriter.WriteAtomically(path, longer);
        CollectionAssert.AreEqual(longer, File.ReadAllBytes(path));

        // Same length, one byte different near the end: only reading all of the old file can tell.
        var almost = (byte[])longer.Clone();
        almost[^2] ^= 0x40;
        ObjectFileWriter.WriteAtomically(path, almost);
        CollectionAssert.AreEqual(almost, File.ReadAllBytes(path));

        ObjectFileWriter.WriteAtomically(path, []);
        Assert.AreEqual(0, new FileInfo(path).Length);
        Assert.HasCount(1, Directory.GetFiles(dir.Path), "no temporary file is left behind");
    }

    [TestMethod]
    public void IdenticalContentKeepsTheFileAndMovesItsModificationTime()
    {
        using var dir = new TempDirectory();
        var bytes = Content(700_000, 4);
        var (path, alias) = WrittenWithAlias(dir, bytes);
        File.SetLastWriteTimeUtc(path, LongAgo);

        var before = DateTime.UtcNow.AddSeconds(-1);
        ObjectFileWriter.WriteAtomically(path, (byte[])bytes.Clone());

        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(path));
        Assert.IsGreaterThanOrEqualTo(before, File.GetLastWriteTimeUtc(path), "up-to-date checks see a fresh output");
        Assert.AreEqual(File.GetLastWriteTimeUtc(path), File.GetLastWriteTimeUtc(alias), "the same file was kept, not rewritten");
        Assert.HasCount(2, Directory.GetFiles(dir.Path), "no temporary file is left behind");
    }

    [TestMethod]
    public void ChangedContentReplacesTheFileInsteadOfWritingIntoIt()
    {
        using var dir = new TempDirectory();
        var bytes = Content(5000, 5);
        var (path, alias) = WrittenWithAlias(dir, bytes);

        var changed = (byte[])bytes.Clone();
        changed[100] ^= 1;
        ObjectFileWriter.WriteAtomically(path, changed);

        CollectionAssert.AreEqual(changed, File.ReadAllBytes(path));
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(alias), "a reader holding the old file still sees it whole");
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string newPath);
}
