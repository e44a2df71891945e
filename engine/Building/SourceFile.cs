using System.Security.Cryptography;
using System.Text;
using Stencil.Engine.Compilation;
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
    private readonly Lazy<byte[]> _bytes;
    private readonly Lazy<string> _text;
    private readonly Lazy<ClifFile> _parsed;

    private SourceFile(string path, Func<byte[]> bytes, CacheKey digest, SourceStat? stat, bool unread)
    {
        Path = path;
        Digest = digest;
        Stat = stat;
        Unread = unread;
        // A file the build manifest remembers is never decoded: its digest is all the build needs of it.
        _bytes = new Lazy<byte[]>(bytes, LazyThreadSafetyMode.ExecutionAndPublication);
        _text = new Lazy<string>(() => Decode(_bytes.Value), LazyThreadSafetyMode.ExecutionAndPublication);
        _parsed = new Lazy<ClifFile>(() => ClifReader.ParseFile(Text, Path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }
    public string Text => _text.Value;

    /// <summary>The file's bytes (a binary source, such as a WebAssembly module, is read through these, never as text).</summary>
    public byte[] Bytes => _bytes.Value;

    /// <summary>A WebAssembly module (<c>.wasm</c>) rather than CLIF text.</summary>
    public bool IsWasm => WasmSource.IsWasmPath(Path);
    public CacheKey Digest { get; }

    /// <summary>The file's stat as it was read, when it had settled by then; what the next build may trust instead of reading it.</summary>
    public SourceStat? Stat { get; }

    /// <summary>
    /// The build took <see cref="Digest"/> from the manifest because the stat still matches, and has not read the file.
    /// Its text, if ever needed, is read then and must hash to <see cref="Digest"/>; if it does not (or cannot be read),
    /// <see cref="Text"/> throws a <see cref="StaleManifestException"/>, on which the build reads every source again.
    /// </summary>
    public bool Unread { get; }

    /// <summary>
    /// How far a file's times must lie behind the start of reading for its stat to be remembered: well past the tick of
    /// any file system's clock (FAT's is two seconds), and past small skews between it and this machine's.
    /// </summary>
    public static readonly TimeSpan DefaultSettleMargin = TimeSpan.FromSeconds(2);

    /// <summary>The whole file parsed; throws the reader's <see cref="DiagnosticException"/> for bad text.</summary>
    public ClifFile Parsed => _parsed.Value;

    /// <summary>A file from memory, for tests and tools.</summary>
    public static SourceFile FromBytes(string path, byte[] bytes) => new(path, () => bytes, Hash(bytes), null, unread: false);

    /// <summary>
    /// Reads <paramref name="paths"/> (already normalized and ordered) in parallel; an unreadable file gives an error
    /// diagnostic and a null slot, so the rest of the build can still report its own problems. A file that
    /// <paramref name="remembered"/> knows at the same path with the very same stat is not read at all.
    /// </summary>
    public static SourceFile?[] ReadAll(IReadOnlyList<string> paths, List<Diagnostic> diagnostics, ParallelOptions options, BuildManifest? remembered = null,
        TimeSpan? settleMargin = null)
    {
        var margin = settleMargin ?? DefaultSettleMargin;
        var files = new SourceFile?[paths.Count];
        var errors = new Diagnostic?[paths.Count];
        var started = DateTime.UtcNow;
        Parallel.For(0, paths.Count, options, i =>
        {
            try
            {
                files[i] = Read(paths[i], remembered, started, margin);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors[i] = Diagnostic.Error(BuildDiagnosticCodes.FileNotFound, $"cannot read the source file: {e.Message}", paths[i]);
            }
        });
        foreach (var e in errors) if (e is not null) diagnostics.Add(e);
        return files;
    }

    private static SourceFile Read(string path, BuildManifest? remembered, DateTime started, TimeSpan margin)
    {
        bool hasStat = SourceStat.TryGet(path, out var before);
        if (hasStat && remembered is not null && remembered.TryFindPath(path, out var known) && known.Stat == before)
            return new SourceFile(path, () => ReadExpected(path, known.Digest), known.Digest, before, unread: true);

        var bytes = File.ReadAllBytes(path);
        // Remembered only if nothing changed the file while it was read and it had settled before.
        bool settled = hasStat && before.Size == bytes.Length && SourceStat.TryGet(path, out var after) && after == before &&
            before.IsSettledAt(started, margin);
        return new SourceFile(path, () => bytes, Hash(bytes), settled ? before : null, unread: false);
    }

    private static byte[] ReadExpected(string path, CacheKey digest)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Changed(path, e.Message);
        }
        return Hash(bytes) == digest ? bytes : throw Changed(path, "its contents are not the ones the build manifest remembers");
    }

    private static StaleManifestException Changed(string path, string reason) =>
        new($"the source was not read because its stat matched the build manifest, but {reason}", path);

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
