using System.Security.Cryptography;
using System.Text;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;
using Stencil.Isa;

namespace Stencil.CacheDb.Tests;

/// <summary>Keys, payloads and opening helpers shared by the cache tests.</summary>
internal static class TestCache
{
    public const string Triple = TargetTriple.DefaultName;

    public static CacheKey Key(int n) => new(SHA256.HashData(Encoding.UTF8.GetBytes("key " + n)));

    /// <summary>A payload that is different for every <paramref name="n"/> and easy to find in a file.</summary>
    public static byte[] Payload(int n, int size = 300)
    {
        var bytes = new byte[size];
        var marker = Encoding.ASCII.GetBytes($"PAYLOAD-{n:D6}-");
        for (var i = 0; i < size; i++) bytes[i] = marker[i % marker.Length];
        return bytes;
    }

    public static CacheEntryInfo Info(int n, string triple = Triple) => new("func" + n, triple);

    public static BuildRecord Record(string project = "demo", int hits = 0, int misses = 0) =>
        new(project, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc),
            hits + misses, hits, misses, 0, 1000);

    public static CacheDatabase Open(string path, List<string> warnings, CacheOpenOptions? options = null)
    {
        var db = CacheDatabase.TryOpen(path, warnings.Add, options ?? new CacheOpenOptions { BuildId = "test-build" });
        Assert.IsNotNull(db, "open failed: " + string.Join(" | ", warnings));
        return db;
    }

    public static CacheOpenOptions Options(TimeProvider? clock = null, long? maxBytes = null, bool readOnly = false) => new()
    {
        BuildId = "test-build",
        Clock = clock ?? TimeProvider.System,
        MaxBytes = maxBytes,
        ReadOnly = readOnly,
        LockTimeout = TimeSpan.Zero,
    };

    /// <summary>Writes entries 0..count-1 and commits them.</summary>
    public static void Populate(string path, int count, int size = 300, CacheOpenOptions? options = null)
    {
        var warnings = new List<string>();
        using var db = Open(path, warnings, options ?? Options());
        db.BeginBuild();
        for (var i = 0; i < count; i++) db.Insert(Key(i), Payload(i, size), Info(i));
        Assert.IsTrue(db.Commit(Record(misses: count)));
        Assert.AreEqual(0, warnings.Count, string.Join(" | ", warnings));
    }

    public static string AllWarnings(List<string> warnings) => string.Join(" | ", warnings);
}
