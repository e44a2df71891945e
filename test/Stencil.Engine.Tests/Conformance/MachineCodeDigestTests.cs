using System.Security.Cryptography;
using System.Text;
using Stencil.Engine.Compilation;
using Stencil.Engine.FileTests;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;
using Stencil.Isa;

namespace Stencil.Engine.Tests.Conformance;

/// <summary>
/// The x86-64 machine code of every function of the corpora (<c>cranelift-runtests</c>, <c>cranelift-x64-compile</c>)
/// and of <c>test/filetests</c> at <c>opt_level=none</c>, as one digest per function in
/// <c>test/expectations/machine-code/x64-none.tsv</c>: code bytes, relocations, trap sites, source locations, frame
/// size and alignment. A refactoring of the backend must leave it byte-identical; a deliberate change of the plain
/// pipeline's code is re-blessed (<c>STENCIL_BLESS=1</c>) and the differences reviewed. <c>STENCIL_DIGEST_DIR</c>
/// also writes every level's digests (<c>none</c> and <c>speed</c>) there, to compare two builds by hand.
/// </summary>
[TestClass]
public sealed class MachineCodeDigestTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void X64CodeAtOptLevelNoneIsUnchanged()
    {
        var none = Digests(OptLevel.None);
        if (Environment.GetEnvironmentVariable("STENCIL_DIGEST_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllLines(Path.Combine(dir, "x64-none.tsv"), none.Select(e => e.ToString()));
            File.WriteAllLines(Path.Combine(dir, "x64-speed.tsv"), Digests(OptLevel.Speed).Select(e => e.ToString()));
        }
        TestContext.WriteLine($"{none.Count(e => e.Outcome == "sha256")} functions compiled, {none.Count} digests compared");
        foreach (var line in ExpectationsFile.Check("machine-code/x64-none.tsv", none,
                     "x86-64 machine code of every function at opt_level=none: a SHA-256 prefix over code, relocations, traps, source locations, frame size and alignment."))
            TestContext.WriteLine("blessed: " + line);
    }

    private static List<Expectation> Digests(OptLevel level)
    {
        var entries = new List<Expectation>();
        var sources = new List<(string Prefix, string Folder)>
        {
            ("cranelift-runtests", SharedCorpus.Require("cranelift-runtests")),
            ("cranelift-x64-compile", SharedCorpus.Require("cranelift-x64-compile")),
            ("filetests", RepositoryRoot.Combine("test", "filetests")),
        };
        var options = new FileTestOptions { ForcedOptLevel = level };
        foreach (var (prefix, folder) in sources)
            foreach (var path in FileTestRunner.ExpandPaths([folder]))
            {
                var name = prefix + "/" + RunExpectations.Relative(folder, path);
                ClifFile file;
                try { file = ClifReader.ParseFile(File.ReadAllText(path), name); }
                catch (DiagnosticException) { continue; }
                if (!NativeFileRunner.TryCreateIsa(file, options, out var isa, out _)) continue;
                var context = new Context(isa);
                foreach (var f in file.Functions)
                {
                    var key = $"{name}:{f.Location.Line}";
                    if (Verifier.Verify(f.Function, f.PositionOf, f.Location.File).Count > 0) continue;
                    try { entries.Add(new Expectation(key, "sha256", Digest(context.Compile(f.Function.Stencil)))); }
                    catch (DiagnosticException e) { entries.Add(new Expectation(key, "refused", e.Diagnostic.Code)); }
                    catch (Exception e) when (e is not OutOfMemoryException) { entries.Add(new Expectation(key, "internal-error", e.GetType().Name)); }
                }
            }
        return entries;
    }

    /// <summary>A canonical text of everything the backend decided (relocation kinds by name, so the digest does not
    /// depend on the numbering of <c>Reloc</c>), hashed.</summary>
    private static string Digest(CompiledCodeStencil c)
    {
        var text = new StringBuilder(Convert.ToHexString(c.Code));
        foreach (var r in c.Relocs) text.Append($"|r{r.Offset},{r.Kind},{r.Target.Kind},{r.Target.Payload},{r.Addend}");
        foreach (var t in c.Traps) text.Append($"|t{t.Offset},{t.Code.Value}");
        foreach (var s in c.SrcLocs) text.Append($"|s{s.Start},{s.End},{s.Loc.Offset}");
        text.Append($"|f{c.FrameSize},a{c.Alignment}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
