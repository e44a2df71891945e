using System.Security.Cryptography;
using System.Text;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;

namespace Stencil.Engine.Building;

/// <summary>
/// One source file as a build sees it: its text and the SHA-256 of its bytes, which is what a build manifest
/// remembers it by. The parse is done at most once, on demand, and shared by every function that needs it.
/// </summary>
public sealed class SourceFile
{
    private readonly Lazy<string> _text;
    private readonly Lazy<ClifFile> _parsed;

    private SourceFile(string path, byte[] bytes, CacheKey digest)
    {
        Path = path;
        Digest = digest;
        // A file the build manifest remembers is never decoded: its digest is all the build needs of it.
        _text = new Lazy<string>(() => Decode(bytes), LazyThreadSafetyMode.ExecutionAndPublication);
        _parsed = new Lazy<ClifFile>(() => ClifReader.ParseFile(Text, Path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }
    public string Text => _text.Value;
    public CacheKey Digest { get; }

    /// <summary>The whole file parsed; throws the reader's <see cref="DiagnosticException"/> for bad text.</summary>
    public ClifFile Parsed => _parsed.Value;

    /// <summary>A file from memory, for tests and tools.</summary>
    public static SourceFile FromBytes(string path, byte[] bytes) => new(path, bytes, Hash(bytes));

    /// <summary>
    /// Reads <paramref name="paths"/> (already normalized and ordered) in parallel; an unreadable file gives an error
    /// diagnostic and a null slot, so the rest of the build can still report its own problems.
    /// </summary>
    public static SourceFile?[] ReadAll(IReadOnlyList<string> paths, List<Diagnostic> diagnostics, ParallelOptions options)
    {
        var files = new SourceFile?[paths.Count];
        var errors = new Diagnostic?[paths.Count];
        Parallel.For(0, paths.Count, options, i =>
        {
            try
            {
                files[i] = FromBytes(paths[i], File.ReadAllBytes(paths[i]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors[i] = Diagnostic.Error(BuildDiagnosticCodes.FileNotFound, $"cannot read the source file: {e.Message}", paths[i]);
            }
        });
        foreach (var e in errors) if (e is not null) diagnostics.Add(e);
        return files;
    }

    private static CacheKey Hash(byte[] bytes)
    {
        Span<byte> digest = stackalloc byte[CacheKey.Size];
        SHA256.HashData(bytes, digest);
        return new CacheKey(digest);
    }

    /// <summary>As <see cref="File.ReadAllText(string)"/> reads it: UTF-8 unless a byte-order mark says otherwise.</summary>
    private static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) return Encoding.UTF8.GetString(bytes.AsSpan(3));
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith([(byte)0xFF, (byte)0xFE]) || b.StartsWith([(byte)0xFE, (byte)0xFF]) || b.StartsWith([(byte)0, (byte)0, (byte)0xFE, (byte)0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        return Encoding.UTF8.GetString(bytes);
    }
}
