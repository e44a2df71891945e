using System.Diagnostics.CodeAnalysis;
using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Engine.Tests.Object;
using Stencil.Engine.Tests.Properties;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Engine.Tests.Building;

/// <summary>
/// Bugs in Stencil, injected: a function whose compile throws is error STN9001 at its definition; a cache store that
/// throws is error STN9002, not a warning; neither escapes as an exception or writes an object. And the build manifest
/// being stale is a typed outcome of the compile, not a diagnostic.
/// </summary>
[TestClass]
public sealed class InternalErrorTests
{
    private const string Injected = "injected by the test";

    private const string Text = """
        function %first(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = iadd_imm v0, 1
            return v1
        }

        ; a comment between the two
        function %second(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = imul_imm v0, 3
            return v1
        }

        function %third(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = bxor_imm v0, 5
            return v1
        }
        """;

    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    public void ABugCompilingAFunctionIsErrorStn9001AtItsDefinition(int parallelism)
    {
        using var dir = new TempDirectory();
        var (request, source) = Project(dir, parallelism);
        Assert.IsTrue(ProjectBuilder.Build(request).Succeeded);
        var before = File.ReadAllBytes(request.ObjectPath);
        var written = File.GetLastWriteTimeUtc(request.ObjectPath);

        ProjectBuildResult result;
        using (FaultInjection.Inject(at => at == FaultInjection.CompilePrefix + "second" ? new InvalidOperationException(Injected) : null))
            result = ProjectBuilder.Build(request);

        Assert.IsFalse(result.Succeeded);
        var error = result.Diagnostics.Single();
        Assert.AreEqual($"{source}(8,1): error STN9001: internal compiler error in %second: InvalidOperationException: {Injected}", error.ToString());
        StringAssert.Contains(error.Detail, nameof(FaultInjection), "the stack trace is kept, for detailed logs");
        Assert.DoesNotContain("   at ", error.Message, "but not in the message");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(request.ObjectPath), "a failed build leaves the object as it was");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(request.ObjectPath), "and does not touch it");
    }

    [TestMethod]
    public void FunctionsFailingInParallelAreReportedInDefinitionOrder()
    {
        using var dir = new TempDirectory();
        var (request, _) = Project(dir, parallelism: 4);
        for (int run = 0; run < 5; run++)
        {
            ProjectBuildResult result;
            using (FaultInjection.Inject(at => at.StartsWith(FaultInjection.CompilePrefix, StringComparison.Ordinal) ? new InvalidOperationException(at) : null))
                result = ProjectBuilder.Build(request);
            CollectionAssert.AreEqual(new[] { 1, 8, 14 }, result.Diagnostics.Select(d => d.Line).ToArray(), string.Join("\n", result.Diagnostics));
            Assert.IsTrue(result.Diagnostics.All(d => d.Code == BuildDiagnosticCodes.InternalCompilerError));
            Assert.IsFalse(File.Exists(request.ObjectPath));
        }
    }

    [TestMethod]
    [DataRow(ThrowingStore.Member.Lookup)]
    [DataRow(ThrowingStore.Member.Insert)]
    [DataRow(ThrowingStore.Member.ReadManifest)]
    public void ABugInTheCacheStoreIsErrorStn9002NotAWarning(ThrowingStore.Member member)
    {
        using var dir = new TempDirectory();
        var (request, _) = Project(dir, parallelism: 2);
        var result = ProjectBuilder.Build(request with { Cache = new ThrowingStore(member) });

        Assert.IsFalse(result.Succeeded);
        var error = result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual($"error STN9002: internal error in the cache: NullReferenceException: {Injected}", error.ToString());
        StringAssert.Contains(error.Detail, nameof(ThrowingStore));
        Assert.IsFalse(result.Diagnostics.Any(d => d.Code == BuildDiagnosticCodes.CacheWarning), string.Join("\n", result.Diagnostics));
        Assert.IsFalse(File.Exists(request.ObjectPath), "no object is written by a build that failed");
    }

    [TestMethod]
    public void AStaleManifestIsATypedOutcomeNotADiagnostic()
    {
        var parsed = ClifReader.ParseFile(Text, "x.clif").Functions[1];
        var stale = new ModuleFunction(new CacheKey(new byte[CacheKey.Size]), parsed.Function.Params,
            () => throw new StaleManifestException("its contents are not the ones the build manifest remembers", "x.clif", 8, 1), "x.clif", 8, 1);
        var fresh = new ModuleFunction(ClifReader.ParseFile(Text, "x.clif").Functions[0].Function, "x.clif", 1, 1);

        var result = new ParallelModuleCompiler(PropertyCorpus.Isa, new MemoryCacheStore(), 2).Compile([fresh, stale]);

        Assert.IsNotNull(result.StaleManifest);
        Assert.AreEqual("x.clif(8,1): its contents are not the ones the build manifest remembers", result.StaleManifest.Describe());
        Assert.IsEmpty(result.Diagnostics, string.Join("\n", result.Diagnostics));
    }

    private static (ProjectBuildRequest Request, string Source) Project(TempDirectory dir, int parallelism)
    {
        var source = dir.File("module.clif");
        File.WriteAllText(source, Text);
        return (new ProjectBuildRequest("internal", [source], dir.File("out.o")) { MaxDegreeOfParallelism = parallelism }, source);
    }

    /// <summary>A store with a bug in one member.</summary>
    public sealed class ThrowingStore(ThrowingStore.Member failing) : ICacheStore
    {
        public enum Member { Lookup, Insert, ReadManifest }

        public bool TryGet(in CacheKey key, string functionName, [NotNullWhen(true)] out byte[]? value)
        {
            Fail(Member.Lookup);
            value = null;
            return false;
        }

        public void Insert(in CacheKey key, ReadOnlySpan<byte> value, CacheEntryInfo info) => Fail(Member.Insert);

        public bool TryGetManifest(in CacheKey id, [NotNullWhen(true)] out byte[]? manifest)
        {
            Fail(Member.ReadManifest);
            manifest = null;
            return false;
        }

        private void Fail(Member member)
        {
            if (member == failing) throw new NullReferenceException(Injected);
        }
    }
}
