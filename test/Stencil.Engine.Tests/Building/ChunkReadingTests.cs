using System.Text.RegularExpressions;
using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Compilation;
using Stencil.Engine.Tests.Object;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Generation;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Building;

/// <summary>
/// A file the build manifest does not remember whole is read function by function: only functions whose text is new
/// are parsed, and textual copies under other names share one parse. Whatever is skipped, the object, the counts and
/// the diagnostics must be exactly those of reading every file whole.
/// </summary>
[TestClass]
public sealed partial class ChunkReadingTests
{
    private const int PerFile = 6;
    private static readonly string[] Functions = GeneratedFunctions();

    private static string[] GeneratedFunctions() =>
        [.. new RandomFunctionGenerator(71).GenerateModule(2 * PerFile, 30).Select(ClifWriter.Write)];

    private static string FileOf(IEnumerable<string> functions, string preamble = "") => preamble + string.Join("\n", functions);

    private static string[] TwoFiles(string[]? functions = null)
    {
        functions ??= Functions;
        return [FileOf(functions[..PerFile]), FileOf(functions[PerFile..])];
    }

    /// <summary>The function's result plus <paramref name="delta"/>: an edit that always changes its stencil.</summary>
    private static string EditReturn(string function, int delta)
    {
        var last = ReturnLine().Matches(function).Last();
        return function[..last.Index] + $"    v99999 = iadd_imm {last.Groups[1].Value}, {delta}\n    return v99999" + function[(last.Index + last.Length)..];
    }

    /// <summary>The function defined under another name; what it calls is unchanged.</summary>
    private static string Renamed(string function, string name)
    {
        var renamed = DefinedName().Replace(function, "function %" + name, 1);
        Assert.AreNotEqual(function, renamed);
        return renamed;
    }

    [GeneratedRegex(@"^function %\w+")]
    private static partial Regex DefinedName();

    /// <summary>Adds a float to the function's integer result: text that reads, and a function the verifier rejects.</summary>
    private static string WrongOperandType(string function)
    {
        var last = ReturnLine().Matches(function).Last();
        var v = last.Groups[1].Value;
        return function[..last.Index] + $"    v99998 = f64const 0x1.0p0\n    v99999 = iadd {v}, v99998\n    return v99999" + function[(last.Index + last.Length)..];
    }

    [GeneratedRegex(@"^    return (v\d+)$", RegexOptions.Multiline)]
    private static partial Regex ReturnLine();

    private sealed class Project(TempDirectory dir)
    {
        public string[] Paths { get; private set; } = [];
        public string Object => dir.File("out.o");
        public byte[] ObjectBytes => File.ReadAllBytes(Object);

        public void Write(params string[] texts)
        {
            Paths = [.. texts.Select((_, i) => dir.File($"part{i}.clif"))];
            for (int i = 0; i < texts.Length; i++) File.WriteAllText(Paths[i], texts[i]);
        }

        public ProjectBuildResult Build(ICacheStore? cache, bool verify = false, bool expectSuccess = true)
        {
            var r = ProjectBuilder.Build(new ProjectBuildRequest("Chunks", Paths, Object) { Cache = cache, VerifyCacheHits = verify });
            if (expectSuccess) Assert.IsTrue(r.Succeeded, string.Join("\n", r.Diagnostics));
            return r;
        }

        /// <summary>
        /// The object and counts of the same sources read the way tools read them, every file parsed whole and every
        /// function keyed by the compiler: what a build that reads by chunks must match byte for byte.
        /// </summary>
        public (byte[] Object, ModuleCompileStats Stats) WholeFileReference()
        {
            var diagnostics = new List<Diagnostic>();
            var functions = SourceLoader.Load(Paths, diagnostics);
            Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
            var compiled = new ParallelModuleCompiler(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default), null)
                .Compile([.. functions.Select(f => f.Module)]);
            var finals = functions.Select((f, i) => Finalizer.Finalize(compiled.Code[i]!, f.Module.Params)).ToArray();
            var bytes = ObjectAssembler.Assemble(finals, diagnostics);
            Assert.IsNotNull(bytes, string.Join("\n", diagnostics));
            return (bytes, compiled.Stats);
        }

        /// <summary>The diagnostics of reading these sources whole, as builds reported them before chunks.</summary>
        public List<Diagnostic> WholeFileDiagnostics()
        {
            var diagnostics = new List<Diagnostic>();
            SourceLoader.Load(Paths, diagnostics);
            return diagnostics;
        }
    }

    /// <summary>The two files of <see cref="TwoFiles"/> built once into <paramref name="cache"/>, and the manifest that build stored.</summary>
    private static (Project Project, CacheKey Id, byte[] Bytes, BuildManifest Manifest) BuiltOnce(TempDirectory dir, MemoryCacheStore cache)
    {
        var project = new Project(dir);
        project.Write(TwoFiles());
        project.Build(cache);
        var id = cache.ManifestIds.Single();
        Assert.IsTrue(cache.TryGetManifest(id, out var bytes));
        Assert.IsTrue(BuildManifestCodec.TryDecode(bytes, out var manifest));
        return (project, id, bytes, manifest);
    }

    private static void AssertMatchesWholeFileBuild(Project project, ProjectBuildResult r)
    {
        var (reference, stats) = project.WholeFileReference();
        CollectionAssert.AreEqual(reference, project.ObjectBytes, "reading by chunks wrote another object");
        Assert.AreEqual((stats.Functions, stats.Cached + stats.Compiled, stats.Deduplicated), (r.Functions, r.Cached + r.Compiled, r.Deduplicated));
    }

    private static (int Parsed, int Remembered, int Shared) Chunks(ProjectBuildResult r) => (r.ChunksParsed, r.ChunksRemembered, r.ChunksShared);

    [TestMethod]
    public void EditingOneFunctionParsesOnlyThatFunction()
    {
        using var dir = new TempDirectory();
        var project = new Project(dir);
        var cache = new MemoryCacheStore();
        project.Write(TwoFiles());
        var cold = project.Build(cache);
        Assert.AreEqual((2 * PerFile, 0, 0), Chunks(cold));

        var edited = (string[])Functions.Clone();
        edited[3] = EditReturn(edited[3], 5);
        project.Write(TwoFiles(edited));
        var r = project.Build(cache);
        Assert.AreEqual((1, 1), (r.SourcesParsed, r.SourcesRemembered));
        Assert.AreEqual((1, PerFile - 1, 0), Chunks(r));
        Assert.AreEqual((2 * PerFile, 1), (r.Functions, r.Compiled));
        AssertMatchesWholeFileBuild(project, r);

        // What this build remembered (keys, names, positions) is what reading the files again gives.
        project.Build(cache, verify: true);
    }

    [TestMethod]
    public void TextualCopiesAreParsedOnceAndDeduplicated()
    {
        using var dir = new TempDirectory();
        var project = new Project(dir);
        var files = TwoFiles();
        // Only definitions are renamed, so the copies call the originals; one copy sits in the file of its original.
        var copies = files[0].Replace("function %gen_f", "function %copy_f", StringComparison.Ordinal);
        var sameFile = files[1] + "\n" + Renamed(Functions[^1], "also_last");
        Assert.AreNotEqual(files[0], copies);
        project.Write(files[0], sameFile, copies);

        var r = project.Build(null);
        Assert.AreEqual((2 * PerFile, 0, PerFile + 1), Chunks(r));
        Assert.AreEqual((3 * PerFile + 1, 2 * PerFile), (r.Functions, r.Compiled));
        Assert.IsTrue(r.Deduplicated >= PerFile + 1, r.FormatSummary("Chunks"));
        AssertMatchesWholeFileBuild(project, r);
    }

    [TestMethod]
    public void CopiesOfRememberedFunctionsAreTakenFromTheManifest()
    {
        using var dir = new TempDirectory();
        var project = new Project(dir);
        var cache = new MemoryCacheStore();
        var files = TwoFiles();
        project.Write(files);
        project.Build(cache);

        project.Write(files[0], files[1], files[1].Replace("function %gen_f", "function %copy_f", StringComparison.Ordinal));
        var r = project.Build(cache);
        Assert.AreEqual((1, 2), (r.SourcesParsed, r.SourcesRemembered));
        Assert.AreEqual((0, PerFile, 0), Chunks(r));
        Assert.AreEqual(0, r.Compiled);
        AssertMatchesWholeFileBuild(project, r);
        project.Build(cache, verify: true);
    }

    [TestMethod]
    public void CallsInRenamedCopiesKeepTheirTargets()
    {
        const string Callee = """
            function %step(i64) -> i64 system_v {
            block0(v0: i64):
                v1 = iadd_imm v0, 3
                return v1
            }
            """;
        const string Caller = """
            function %twice_step(i64) -> i64 system_v {
                fn0 = %step(i64) -> i64 system_v
                fn1 = %twice_step(i64) -> i64 system_v
            block0(v0: i64):
                v1 = call fn0(v0)
                v2 = call fn0(v1)
                brif v0, block1, block2(v2)
            block1:
                v3 = iconst.i64 0
                v4 = call fn1(v3)
                jump block2(v4)
            block2(v5: i64):
                return v5
            }
            """;
        using var dir = new TempDirectory();
        var project = new Project(dir);
        var cache = new MemoryCacheStore();
        project.Write(Callee + "\n" + Caller);
        project.Build(cache);

        // The copies call %step and (recursing into the original) %twice_step, as their text says.
        var copies = Callee.Replace("function %step(", "function %step_copy(", StringComparison.Ordinal) + "\n"
            + Caller.Replace("function %twice_step(", "function %caller_copy(", StringComparison.Ordinal);
        project.Write(Callee + "\n" + Caller + "\n" + copies, copies.Replace("_copy(", "_again("));
        var warm = project.Build(cache);
        Assert.AreEqual((0, 6, 0), Chunks(warm));
        AssertMatchesWholeFileBuild(project, warm);

        var cold = project.Build(null);
        Assert.AreEqual((2, 0, 4), Chunks(cold));
        AssertMatchesWholeFileBuild(project, cold);
    }

    [TestMethod]
    public void ABrokenFunctionGivesTheDiagnosticOfAWholeFileRead()
    {
        // The code each gives when the file is read whole; null where only the chunk reader refuses the text.
        var breakages = new (string Name, Func<string, string> Break, string? Code)[]
        {
            ("unknown opcode", f => f.Replace("    return ", "    v99998 = frobnicate v0\n    return ", StringComparison.Ordinal), "STN1"),
            ("unterminated", f => f[..f.LastIndexOf('}')], "STN1"),
            ("header line between functions", f => f + "\nset opt_level=speed\n", null),
            ("verifier: wrong operand type", WrongOperandType, "STN2"),
        };
        foreach (var (name, breakIt, code) in breakages)
        {
            using var dir = new TempDirectory();
            var project = new Project(dir);
            var cache = new MemoryCacheStore();
            project.Write(TwoFiles());
            project.Build(cache);

            var broken = (string[])Functions.Clone();
            broken[2] = breakIt(broken[2]);
            // The broken text also copied into the other file: the copy must fail the same way, not be taken as parsed.
            var copy = Renamed(broken[2], "broken_copy");
            var files = TwoFiles(broken);
            project.Write(files[0], files[1] + "\n" + copy);
            var expected = project.WholeFileDiagnostics();
            Assert.AreEqual(code, expected.FirstOrDefault()?.Code[..4], $"{name}: {string.Join("\n", expected)}");
            foreach (var c in new[] { cache, null })
            {
                var r = project.Build(c, expectSuccess: expected.Count == 0);
                CollectionAssert.AreEqual(expected, r.Diagnostics.ToList(), $"{name}, {(c is null ? "cold" : "with a manifest")}:\n{string.Join("\n", r.Diagnostics)}");
                if (expected.Count == 0) AssertMatchesWholeFileBuild(project, r);
                else Assert.IsTrue(expected.Any(d => d.Severity == DiagnosticSeverity.Error && d.Line > 0), name);
            }
        }
    }

    [TestMethod]
    public void AChangedPreambleReusesNoFunction()
    {
        using var dir = new TempDirectory();
        var project = new Project(dir);
        var cache = new MemoryCacheStore();
        var body = FileOf(Functions[..PerFile]);
        project.Write("set opt_level=none\n\n" + body);
        project.Build(cache);

        // Every preamble agrees with the build's settings (a set line that does not is an error, see SourceSettingsCheckTests).
        foreach (var preamble in new[] { "set opt_level=none is_pic=false\n\n", "set opt_level=none\ntarget x86_64\n\n", "test compile\nset opt_level=none\n\n", "" })
        {
            project.Write(preamble + body);
            var r = project.Build(cache);
            Assert.AreEqual((PerFile, 0, 0), Chunks(r), preamble);
            AssertMatchesWholeFileBuild(project, r);
        }

        // Comments and blank lines say nothing about the functions: every function is remembered, at its new line.
        project.Write("; the same settings\n\nset opt_level=none\n\n\n" + body);
        var moved = project.Build(cache);
        Assert.AreEqual((0, PerFile, 0), Chunks(moved));
        project.Build(cache, verify: true);

        // Within one build too: the same functions under another preamble are parsed again, not shared.
        project.Write("set opt_level=none\n" + body, "set opt_level=none preserve_frame_pointers=false\n" + body.Replace("function %gen_f", "function %other_f", StringComparison.Ordinal));
        var both = project.Build(null);
        Assert.AreEqual((2 * PerFile, 0, 0), Chunks(both));
        AssertMatchesWholeFileBuild(project, both);
    }

    [TestMethod]
    public void ARememberedFunctionWhoseCodeWasEvictedIsReadFromItsChunk()
    {
        using var dir = new TempDirectory();
        var full = new MemoryCacheStore();
        var (project, manifestId, manifestBytes, manifest) = BuiltOnce(dir, full);
        var victim = manifest.Sources.Single(s => s.Path == project.Paths[0]).Functions[1].Key;
        var trimmed = new MemoryCacheStore();
        foreach (var key in full.Keys.Where(k => k != victim))
        {
            Assert.IsTrue(full.TryGet(key, "", out var value));
            trimmed.Insert(key, value, new CacheEntryInfo("", ""));
        }
        trimmed.SetManifest(manifestId, manifestBytes);

        var edited = (string[])Functions.Clone();
        edited[4] = EditReturn(edited[4], 9);
        project.Write(TwoFiles(edited));
        var r = project.Build(trimmed);
        Assert.AreEqual((1, PerFile - 1, 0), Chunks(r));
        Assert.AreEqual(2, r.Compiled, "the edited function and the evicted one");
        AssertMatchesWholeFileBuild(project, r);
    }

    [TestMethod]
    public void AManifestThatMissremembersAChunkIsCaught()
    {
        using var dir = new TempDirectory();
        var cache = new MemoryCacheStore();
        var (project, id, _, manifest) = BuiltOnce(dir, cache);
        var first = manifest.Sources.Single(s => s.Path == project.Paths[0]);
        var wrongKey = new CacheKey(new byte[CacheKey.Size]);
        var tampered = new BuildManifest([.. manifest.Sources.Select(s => s != first ? s
            : s with { Functions = [.. s.Functions.Select((f, i) => i == 0 ? f with { Key = wrongKey } : f)] })]);
        var edited = (string[])Functions.Clone();
        edited[5] = EditReturn(edited[5], 2);
        project.Write(TwoFiles(edited));

        cache.OverwriteManifest(id, BuildManifestCodec.Encode(tampered));
        var verified = project.Build(cache, verify: true, expectSuccess: false);
        Assert.IsTrue(verified.Diagnostics.Any(d => d.Code == BuildDiagnosticCodes.CacheMismatch && d.Line == 1), string.Join("\n", verified.Diagnostics));

        cache.OverwriteManifest(id, BuildManifestCodec.Encode(tampered));
        var trusting = project.Build(cache);
        Assert.IsTrue(trusting.Diagnostics.Any(d => d.Code == BuildDiagnosticCodes.CacheWarning && d.Message.Contains("out of date")), string.Join("\n", trusting.Diagnostics));
        AssertMatchesWholeFileBuild(project, trusting);
    }
}
