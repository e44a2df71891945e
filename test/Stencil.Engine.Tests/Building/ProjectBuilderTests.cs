using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Linking;
using Stencil.Engine.Tests.Object;

namespace Stencil.Engine.Tests.Building;

[TestClass]
public sealed class ProjectBuilderTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Kernels = """
        ; loops, calls and selects
        function %sum_below(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = iconst.i64 0
            jump block1(v1, v1)
        block1(v2: i64, v3: i64):
            v4 = icmp slt v2, v0
            brif v4, block2, block3(v3)
        block2:
            v5 = iadd v3, v2
            v6 = iconst.i64 1
            v7 = iadd v2, v6
            jump block1(v7, v5)
        block3(v8: i64):
            return v8
        }

        function %twice(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = iadd v0, v0
            return v1
        }

        function %combined(i64, i64) -> i64 system_v {
            fn0 = %sum_below(i64) -> i64 system_v
            fn1 = %twice(i64) -> i64 system_v
        block0(v0: i64, v1: i64):
            v2 = call fn0(v0)
            v3 = call fn1(v1)
            v4 = icmp sgt v2, v3
            v5 = select v4, v2, v3
            v6 = bxor v5, v0
            return v6
        }
        """;

    private static ProjectBuildResult Build(string dir, ICacheStore? cache, params string[] texts)
    {
        var sources = new List<string>();
        for (int i = 0; i < texts.Length; i++)
        {
            var path = Path.Combine(dir, $"k{i}.clif");
            File.WriteAllText(path, texts[i]);
            sources.Add(path);
        }
        return ProjectBuilder.Build(new ProjectBuildRequest("Test", sources, Path.Combine(dir, "out.o")) { Cache = cache });
    }

    [TestMethod]
    public void ColdWarmEditMoveAndRenameGiveTheExpectedCounts()
    {
        using var dir = new TempDirectory();
        var cache = new MemoryCacheStore();
        var cold = Build(dir.Path, cache, Kernels);
        Assert.IsTrue(cold.Succeeded, string.Join("\n", cold.Diagnostics));
        Assert.AreEqual((3, 0, 3, 0), (cold.Functions, cold.Cached, cold.Compiled, cold.Deduplicated));
        var coldBytes = File.ReadAllBytes(Path.Combine(dir.Path, "out.o"));

        var warm = Build(dir.Path, cache, Kernels);
        Assert.AreEqual((3, 3, 0), (warm.Functions, warm.Cached, warm.Compiled));
        CollectionAssert.AreEqual(coldBytes, File.ReadAllBytes(Path.Combine(dir.Path, "out.o")), "warm object differs from cold");

        var edited = Build(dir.Path, cache, Kernels.Replace("v1 = iadd v0, v0", "v1 = imul v0, v0"));
        Assert.AreEqual((3, 2, 1), (edited.Functions, edited.Cached, edited.Compiled));

        var moved = Build(dir.Path, cache, "\n\n; a comment above\n\n" + Kernels);
        Assert.AreEqual(0, moved.Compiled, "inserting lines above recompiled something");

        var renamed = Build(dir.Path, cache, Kernels.Replace("%twice", "%double_it"));
        Assert.IsTrue(renamed.Succeeded, string.Join("\n", renamed.Diagnostics));
        Assert.AreEqual(0, renamed.Compiled, "renaming a callee recompiled something");
    }

    [TestMethod]
    public void IdenticalFunctionsAreCompiledOnce()
    {
        using var dir = new TempDirectory();
        var copy = Kernels.Replace("%sum_below", "%sum_copy").Replace("%twice", "%twice_copy").Replace("%combined", "%combined_copy");
        var r = Build(dir.Path, null, Kernels, copy);
        Assert.IsTrue(r.Succeeded, string.Join("\n", r.Diagnostics));
        Assert.AreEqual((6, 0, 3, 3), (r.Functions, r.Cached, r.Compiled, r.Deduplicated));
    }

    [TestMethod]
    public void TheObjectLinksAndComputesTheRightResults()
    {
        ExternalTool.RequireCompiler();
        using var dir = new TempDirectory();
        var r = Build(dir.Path, null, Kernels);
        Assert.IsTrue(r.Succeeded, string.Join("\n", r.Diagnostics));
        File.WriteAllText(dir.File("main.c"), """
            #include <stdint.h>
            int64_t sum_below(int64_t); int64_t twice(int64_t); int64_t combined(int64_t, int64_t);
            int main(void) {
              if (sum_below(10) != 45) return 1;
              if (sum_below(-3) != 0) return 2;
              if (twice(21) != 42) return 3;
              if (combined(10, 30) != (60 ^ 10)) return 4;
              if (combined(100, 1) != (4950 ^ 100)) return 5;
              return 0;
            }
            """);
        Assert.IsTrue(SystemLinker.TryLinkExecutable([dir.File("main.c"), dir.File("out.o")], dir.File("app"), out var linkOut), linkOut);
        var (code, output) = ExternalTool.Run(dir.File("app"));
        Assert.AreEqual(0, code, output);
        Assert.IsTrue(SystemLinker.TryLinkSharedLibrary(dir.File("out.o"), dir.File("libk.so"), out var soOut), soOut);
    }

    [TestMethod]
    public void BadSourcesGiveLocatedDiagnosticsAndWriteNothing()
    {
        using var dir = new TempDirectory();
        var cases = new (string Text, string CodePrefix, int Line)[]
        {
            ("this is not clif", "STN1", 1),
            ("function %f(i64) -> i64 {\nblock0(v0: i64):\n    v1 = iadd v0", "STN1", 3),
            ("function %f(i64) -> i64 {\nblock0(v0: i64):\n    v1 = frobnicate v0\n    return v1\n}", "STN1003", 3),
            ("function %f(i64, i32) -> i64 {\nblock0(v0: i64, v1: i32):\n    v2 = iadd v0, v1\n    return v2\n}", "STN2", 3),
        };
        foreach (var (text, prefix, line) in cases)
        {
            var obj = Path.Combine(dir.Path, "out.o");
            if (File.Exists(obj)) File.Delete(obj);
            var r = Build(dir.Path, null, text);
            Assert.IsFalse(r.Succeeded, text);
            Assert.IsFalse(File.Exists(obj), "an object was written for bad input");
            var d = r.Diagnostics.First();
            StringAssert.StartsWith(d.Code, prefix, d.ToString());
            Assert.IsTrue(d.Line == line && d.Column > 0 && d.File is not null, $"expected line {line}: {d}");
        }
    }
}
