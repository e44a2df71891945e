namespace Stencil.Fault.Tests;

/// <summary>
/// Every module variant written once and built once without a cache: the objects every build with a cache, however
/// abused, must reproduce byte for byte. Shared by all test classes (built in the assembly initializer).
/// </summary>
[TestClass]
public static class ReferenceBuilds
{
    private static TempDirectory? s_directory;
    private static string[] s_sources = [];
    private static byte[][] s_objects = [];

    /// <summary>How long a build that compiles everything and fills a new cache takes, start of process to exit.</summary>
    public static TimeSpan ColdCachedBuild { get; private set; }

    public static string Source(int variant) => s_sources[variant];

    public static byte[] Object(int variant) => s_objects[variant];

    [AssemblyInitialize]
    public static void BuildAll(TestContext context)
    {
        s_directory = new TempDirectory();
        s_sources = new string[FaultModule.Variants];
        s_objects = new byte[FaultModule.Variants][];
        for (var v = 0; v < FaultModule.Variants; v++)
        {
            s_sources[v] = FaultModule.Write(s_directory.Path, v);
            var objectPath = s_directory.File($"reference-{v}.o");
            StencilProcess.Compile(s_sources[v], objectPath, cachePath: null).ExpectSuccess($"clean build of variant {v}");
            s_objects[v] = File.ReadAllBytes(objectPath);
        }
        Assert.IsFalse(s_objects[0].AsSpan().SequenceEqual(s_objects[1]), "the variants must differ, or mixing them up would go unnoticed");

        // Twice, keeping the faster: the first process of a run also pays for loading the runtime from disk.
        for (var i = 0; i < 2; i++)
        {
            var cache = s_directory.File($"timing-{i}.db");
            var run = StencilProcess.Compile(s_sources[0], s_directory.File($"timing-{i}.o"), cache).ExpectSuccess("timing build");
            ColdCachedBuild = i == 0 || run.Elapsed < ColdCachedBuild ? run.Elapsed : ColdCachedBuild;
        }
        context.WriteLine($"a cold build of {FaultModule.Functions} functions into a new cache takes {ColdCachedBuild.TotalMilliseconds:0} ms");
    }

    [AssemblyCleanup]
    public static void Cleanup() => s_directory?.Dispose();

    /// <summary>Fails unless <paramref name="objectPath"/> holds exactly the clean build of <paramref name="variant"/>.</summary>
    public static void AssertIdentical(int variant, string objectPath, string what)
    {
        Assert.IsTrue(File.Exists(objectPath), $"{what}: no object was written");
        var actual = File.ReadAllBytes(objectPath);
        Assert.IsTrue(actual.AsSpan().SequenceEqual(Object(variant)),
            $"{what}: the object ({actual.Length} bytes) differs from the clean build of variant {variant} ({Object(variant).Length} bytes)");
    }
}
