using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Engine.Tests.Object;
using Stencil.Ir.Generation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Building;

/// <summary>
/// The build manifest lets a build skip parsing files it has seen byte for byte; whatever happens to the manifest,
/// the object must be exactly what a build without it writes.
/// </summary>
[TestClass]
public sealed class BuildManifestTests
{
    private static readonly string[] Texts = GeneratedTexts();

    private static string[] GeneratedTexts()
    {
        var module = new RandomFunctionGenerator(44).GenerateModule(24, 40);
        var texts = module.Select(ClifWriter.Write).ToArray();
        return [.. Enumerable.Range(0, 4).Select(i => string.Join("\n", texts[(i * 6)..((i + 1) * 6)]))];
    }

    private static (TextProject, byte[] Clean) CleanBuild(TempDirectory dir, string[]? texts = null)
    {
        var project = new TextProject(dir, "Manifest", Texts.Length);
        project.Write(texts ?? Texts);
        project.Build(null);
        return (project, project.ObjectBytes);
    }

    [TestMethod]
    public void UnchangedFilesAreRememberedNotParsed()
    {
        using var dir = new TempDirectory();
        var (project, clean) = CleanBuild(dir);
        var cache = new MemoryCacheStore();

        var cold = project.Build(cache);
        Assert.AreEqual((Texts.Length, 0), (cold.SourcesParsed, cold.SourcesRemembered));
        var warm = project.Build(cache);
        Assert.AreEqual((0, Texts.Length), (warm.SourcesParsed, warm.SourcesRemembered));
        Assert.AreEqual((24, 24, 0), (warm.Functions, warm.Cached, warm.Compiled));
        CollectionAssert.AreEqual(clean, project.ObjectBytes, "a remembered build wrote another object");
        Assert.AreEqual(0, warm.Diagnostics.Count, string.Join("\n", warm.Diagnostics));
        Assert.AreEqual(1, cache.ManifestWrites, "a build that learned nothing new stored its manifest again");
    }

    [TestMethod]
    public void AnEditedFileIsParsedAndTheRestRemembered()
    {
        using var dir = new TempDirectory();
        var edited = (string[])Texts.Clone();
        edited[2] = edited[2].Replace("    return ", "    nop\n    return ", StringComparison.Ordinal);
        var (project, clean) = CleanBuild(dir, edited);
        var cache = new MemoryCacheStore();
        project.Write(Texts);
        project.Build(cache);

        project.Write(edited);
        var r = project.Build(cache);
        Assert.AreEqual((1, Texts.Length - 1), (r.SourcesParsed, r.SourcesRemembered));
        Assert.AreEqual(0, r.Compiled, "a nop changes no stencil");
        CollectionAssert.AreEqual(clean, project.ObjectBytes);

        // Reverting finds the first version remembered too, and the manifest now leads with it again.
        project.Write(Texts);
        var reverted = project.Build(cache);
        Assert.AreEqual((0, Texts.Length), (reverted.SourcesParsed, reverted.SourcesRemembered));
        Assert.AreEqual(3, cache.ManifestWrites, "the revert changed which versions lead the manifest");
        project.Write(edited);
        var again = project.Build(cache);
        Assert.AreEqual((0, Texts.Length), (again.SourcesParsed, again.SourcesRemembered));
        CollectionAssert.AreEqual(clean, project.ObjectBytes);
    }

    [TestMethod]
    public void AMovedFileIsRememberedByItsBytes()
    {
        using var dir = new TempDirectory();
        var (project, _) = CleanBuild(dir);
        var cache = new MemoryCacheStore();
        project.Build(cache);
        File.Move(project.Paths[1], dir.File("renamed.clif"));
        var paths = project.Paths.Select((p, i) => i == 1 ? dir.File("renamed.clif") : p).ToArray();

        var r = ProjectBuilder.Build(new ProjectBuildRequest("Manifest", paths, project.Object) { Cache = cache });
        Assert.IsTrue(r.Succeeded, string.Join("\n", r.Diagnostics));
        Assert.AreEqual((0, Texts.Length, 0), (r.SourcesParsed, r.SourcesRemembered, r.Compiled));
    }

    [TestMethod]
    public void AnUnreadableManifestMeansReadingEverySource()
    {
        using var dir = new TempDirectory();
        var (project, clean) = CleanBuild(dir);
        var cache = new MemoryCacheStore();
        project.Build(cache);
        var id = cache.ManifestIds.Single();
        var bytes = Manifest(cache);
        var random = new Random(3);
        foreach (var damaged in new[] { [], bytes[..(bytes.Length / 2)], bytes[..^1], Flip(bytes, random), RandomBytes(random, 500) })
        {
            cache.OverwriteManifest(id, damaged);
            var r = project.Build(cache);
            Assert.AreEqual(Texts.Length, r.SourcesParsed);
            Assert.AreEqual((24, 0), (r.Cached, r.Compiled));
            CollectionAssert.AreEqual(clean, project.ObjectBytes);
        }
    }

    [TestMethod]
    public void AFunctionWhoseCodeWasEvictedIsReadAgainAndCompiled()
    {
        using var dir = new TempDirectory();
        var (project, clean) = CleanBuild(dir);
        var full = new MemoryCacheStore();
        project.Build(full);
        // A cache holding the manifest and all entries but one, as after a size-limited trim.
        var trimmed = new MemoryCacheStore();
        var victim = full.Keys.First();
        foreach (var key in full.Keys.Where(k => k != victim))
            Assert.IsTrue(full.TryGet(key, "", out var value) && CopyInto(trimmed, key, value));
        trimmed.SetManifest(full.ManifestIds.Single(), Manifest(full));

        var r = project.Build(trimmed);
        Assert.AreEqual(1, r.Compiled);
        Assert.AreEqual(Texts.Length, r.SourcesRemembered);
        CollectionAssert.AreEqual(clean, project.ObjectBytes);
    }

    [TestMethod]
    public void AManifestThatMissremembersAKeyIsCaughtAndTheSourceWins()
    {
        using var dir = new TempDirectory();
        var (project, clean) = CleanBuild(dir);
        var cache = new MemoryCacheStore();
        project.Build(cache);
        var id = cache.ManifestIds.Single();
        Assert.IsTrue(BuildManifestCodec.TryDecode(Manifest(cache), out var manifest));
        // A key nothing is stored under: the function cannot be found, is read again and its real key computed.
        var wrong = Tamper(manifest, 0, 0, f => f with { Key = new CacheKey(new byte[32]) });
        cache.OverwriteManifest(id, BuildManifestCodec.Encode(wrong));

        var r = project.Build(cache);
        Assert.IsTrue(r.Diagnostics.Any(d => d.Code == BuildDiagnosticCodes.CacheWarning && d.Message.Contains("out of date")), string.Join("\n", r.Diagnostics));
        CollectionAssert.AreEqual(clean, project.ObjectBytes);
    }

    [TestMethod]
    public void VerifyModeChecksTheManifestAgainstTheSources()
    {
        using var dir = new TempDirectory();
        var (project, _) = CleanBuild(dir);
        var cache = new MemoryCacheStore();
        project.Build(cache);
        var good = project.Build(cache, verify: true);
        Assert.AreEqual((Texts.Length, 0), (good.SourcesParsed, good.SourcesRemembered), "verify mode reads every source");

        var id = cache.ManifestIds.Single();
        Assert.IsTrue(BuildManifestCodec.TryDecode(Manifest(cache), out var manifest));
        var swapped = Tamper(manifest, 1, 0, f => f with { Key = manifest.Sources[1].Functions[1].Key });
        cache.OverwriteManifest(id, BuildManifestCodec.Encode(swapped));
        var r = ProjectBuilder.Build(new ProjectBuildRequest("Manifest", project.Paths, project.Object) { Cache = cache, VerifyCacheHits = true });
        Assert.IsFalse(r.Succeeded);
        Assert.IsTrue(r.Diagnostics.Any(d => d.Code == BuildDiagnosticCodes.CacheMismatch && d.Message.Contains("build manifest")), string.Join("\n", r.Diagnostics));
    }

    [TestMethod]
    public void CodecRoundTripsAndRejectsEveryTruncation()
    {
        using var dir = new TempDirectory();
        var (project, _) = CleanBuild(dir);
        var cache = new MemoryCacheStore();
        project.Build(cache);
        var bytes = Manifest(cache);
        Assert.IsTrue(BuildManifestCodec.TryDecode(bytes, out var manifest));
        CollectionAssert.AreEqual(bytes, BuildManifestCodec.Encode(manifest));
        for (int n = 0; n < bytes.Length; n += 7) Assert.IsFalse(BuildManifestCodec.TryDecode(bytes.AsSpan(0, n), out _), $"prefix {n}");
    }

    [TestMethod]
    public void ManifestIdsDependOnProjectTargetFlagsAndCompiler()
    {
        var isa = IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default);
        var context = new ParallelModuleCompiler(isa, null).KeyContext;
        var id = BuildManifest.IdFor("App", context);
        Assert.AreEqual(id, BuildManifest.IdFor("App", context));
        Assert.AreNotEqual(id, BuildManifest.IdFor("Other", context));
        Assert.AreNotEqual(id, BuildManifest.IdFor("App", context with { CompilerBuildId = "other" }));
        Assert.AreNotEqual(id, BuildManifest.IdFor("App", context with { Triple = "aarch64-unknown-linux-gnu" }));
        Assert.AreNotEqual(id, BuildManifest.IdFor("App", context with { Flags = [KeyValuePair.Create("opt_level", "speed")] }));
    }

    private static byte[] Manifest(MemoryCacheStore cache)
    {
        Assert.IsTrue(cache.TryGetManifest(cache.ManifestIds.Single(), out var bytes));
        return bytes;
    }

    private static bool CopyInto(MemoryCacheStore store, CacheKey key, byte[] value)
    {
        store.Insert(key, value, new CacheEntryInfo("", ""));
        return true;
    }

    private static BuildManifest Tamper(BuildManifest manifest, int source, int function, Func<ManifestFunction, ManifestFunction> change) =>
        new([.. manifest.Sources.Select((s, i) => i != source ? s
            : s with { Functions = [.. s.Functions.Select((f, j) => j == function ? change(f) : f)] })]);

    private static byte[] Flip(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        copy[random.Next(8, copy.Length)] ^= 0x40;
        return copy;
    }

    private static byte[] RandomBytes(Random random, int n)
    {
        var b = new byte[n];
        random.NextBytes(b);
        return b;
    }
}
