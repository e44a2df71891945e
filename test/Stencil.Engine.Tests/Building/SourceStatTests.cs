using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Tests.Object;
using Stencil.Ir.Generation;
using Stencil.Ir.Text;

namespace Stencil.Engine.Tests.Building;

/// <summary>
/// A source whose stat matches the manifest is not read at all. Whatever changes its bytes must be seen, and a manifest
/// that lies about them must cost a warning and a full read, never a wrong object.
/// </summary>
[TestClass]
public sealed class SourceStatTests
{
    private static readonly string[] Texts = GeneratedTexts();

    private static string[] GeneratedTexts()
    {
        var module = new RandomFunctionGenerator(91).GenerateModule(12, 30);
        var texts = module.Select(ClifWriter.Write).ToArray();
        return [.. Enumerable.Range(0, 3).Select(i => string.Join("\n", texts[(i * 4)..((i + 1) * 4)]))];
    }

    /// <summary>A project whose sources count as settled the moment they are read, so stats are remembered at once.</summary>
    private static TextProject NewProject(TempDirectory dir) => new(dir, "Stats", Texts.Length, defaultSettle: TimeSpan.Zero);

    private static byte[] CleanObject(TempDirectory dir, string[] texts)
    {
        var project = NewProject(dir);
        project.Write(texts);
        project.Build(null);
        return project.ObjectBytes;
    }

    [TestMethod]
    public void SettledUnchangedSourcesAreNotRead()
    {
        using var dir = new TempDirectory();
        var clean = CleanObject(dir, Texts);
        var project = NewProject(dir);
        var cache = new MemoryCacheStore();
        Assert.AreEqual(0, project.Build(cache).SourcesUnread);

        var warm = project.Build(cache);
        Assert.AreEqual(Texts.Length, warm.SourcesUnread);
        Assert.AreEqual((12, 12, 0), (warm.Functions, warm.Cached, warm.Compiled));
        CollectionAssert.AreEqual(clean, project.ObjectBytes);

        // Verify mode trusts no stat: it reads everything.
        Assert.AreEqual(0, project.Build(cache, verify: true).SourcesUnread);
    }

    [TestMethod]
    public void ASourceJustWrittenIsReadAgainNextTime()
    {
        using var dir = new TempDirectory();
        var project = NewProject(dir);
        project.Write(Texts);
        var cache = new MemoryCacheStore();
        project.Build(cache, settle: TimeSpan.FromHours(1));
        Assert.AreEqual(0, project.Build(cache, settle: TimeSpan.FromHours(1)).SourcesUnread, "a file changed within the margin had its stat remembered");
    }

    [TestMethod]
    public void SameSizeEditWithItsOldModificationTimePutBackIsSeen()
    {
        using var dir = new TempDirectory();
        using var referenceDir = new TempDirectory();
        var clean = CleanObject(dir, Texts);
        var project = NewProject(dir);
        var cache = new MemoryCacheStore();
        project.Build(cache);
        Assert.AreEqual(Texts.Length, project.Build(cache).SourcesUnread);

        var mtime = File.GetLastWriteTimeUtc(project.Paths[1]);
        var text = File.ReadAllText(project.Paths[1]);
        // Same length, different code: one digit of a constant.
        var changed = SwapOneDigit(text);
        Assert.AreEqual(text.Length, changed.Length);
        File.WriteAllText(project.Paths[1], changed);
        File.SetLastWriteTimeUtc(project.Paths[1], mtime);

        var r = project.Build(cache);
        Assert.AreEqual(Texts.Length - 1, r.SourcesUnread, "the file whose status changed was not read");
        Assert.IsGreaterThan(0, r.Compiled, "the edit changed a constant, so some code must be new");
        var reference = CleanObject(referenceDir, [Texts[0], changed, Texts[2]]);
        CollectionAssert.AreEqual(reference, project.ObjectBytes);
        Assert.IsFalse(reference.AsSpan().SequenceEqual(clean), "the edit must change the object for this test to mean anything");
    }

    [TestMethod]
    public void AManifestLyingAboutAnUnreadSourceCostsAWarningNotAWrongObject()
    {
        using var dir = new TempDirectory();
        var clean = CleanObject(dir, Texts);
        var project = NewProject(dir);
        var cache = new MemoryCacheStore();
        project.Build(cache);
        project.Build(cache);
        var id = cache.ManifestIds.Single();
        Assert.IsTrue(cache.TryGetManifest(id, out var bytes));
        Assert.IsTrue(BuildManifestCodec.TryDecode(bytes, out var manifest));

        // The stat still matches, but the manifest says the file holds other bytes; with no code cached, the build must
        // read the file to compile it, and finds out.
        var forged = new BuildManifest([.. manifest.Sources.Select((s, i) => i == 0 ? s with { Digest = manifest.Sources[1].Digest } : s)]);
        var empty = new MemoryCacheStore();
        empty.OverwriteManifest(id, BuildManifestCodec.Encode(forged));
        var r = project.Build(empty);
        // The stale manifest is a typed outcome that becomes one warning naming the file; it is no diagnostic of its own.
        Assert.HasCount(1, r.Diagnostics, string.Join("\n", r.Diagnostics));
        var warning = r.Diagnostics[0];
        Assert.AreEqual(BuildDiagnosticCodes.CacheWarning, warning.Code, warning.ToString());
        StringAssert.Contains(warning.Message, $"the build manifest does not match the sources it remembers ({project.Paths[0]}: ");
        StringAssert.Contains(warning.Message, "its contents are not the ones the build manifest remembers");
        Assert.AreEqual(0, r.SourcesUnread, "after the manifest failed, every source is read");
        CollectionAssert.AreEqual(clean, project.ObjectBytes);
    }

    private static string SwapOneDigit(string text)
    {
        int i = text.IndexOf("iconst.i64 ", StringComparison.Ordinal);
        if (i < 0) i = text.IndexOf("iconst.i32 ", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, i, "the generated text has no iconst");
        // The constant's last character: a digit (or hex digit) whatever form the constant takes.
        int d = text.IndexOf('\n', i) - 1;
        char swapped = text[d] == '7' ? '3' : '7';
        return string.Concat(text.AsSpan(0, d), swapped.ToString(), text.AsSpan(d + 1));
    }
}
