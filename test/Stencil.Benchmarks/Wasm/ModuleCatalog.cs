using Stencil.Testing;

namespace Stencil.Benchmarks.Wasm;

/// <summary>
/// The modules and their inputs, fetched with <c>npm pack</c> at pinned versions into a download folder outside the
/// repository (<c>$STENCIL_BENCH_DOWNLOADS</c>, else <c>~/.cache/stencil-bench</c>), kept between runs. Inputs are
/// esbuild.wasm's bytes and slices of them, as in the reference measurements
/// (<c>shared/reference/wasm-frontend.md</c> section 4.2).
/// </summary>
internal sealed class ModuleCatalog(string npm, string downloads)
{
    public static string DefaultDownloads =>
        Environment.GetEnvironmentVariable("STENCIL_BENCH_DOWNLOADS") is { Length: > 0 } folder ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "stencil-bench");

    public string Downloads { get; } = downloads;

    private string Package(string name, string version) => NpmPack.Fetch(npm, Downloads, name, version);

    private BenchModule FromPackage(string name, string package, string version, string path, Workload? workload) =>
        new(name, Path.GetFileName(path), File.ReadAllBytes(Path.Combine(Package(package, version), path)), workload);

    /// <summary>esbuild-wasm 0.28.2's 13,978,850-byte module: the largest, and the bytes every input is cut from.</summary>
    public byte[] EsbuildBytes() => File.ReadAllBytes(Path.Combine(Package("esbuild-wasm", "0.28.2"), "esbuild.wasm"));

    /// <summary>hash-wasm's modules (about 20, 4-13 functions each), by name.</summary>
    public SortedDictionary<string, byte[]> HashWasm() => HashWasmModules.Extract(Package(HashWasmModules.Package, HashWasmModules.Version));

    /// <summary>Every module, smallest first: the four that run real work, then sql.js and esbuild (compile only).</summary>
    public List<BenchModule> All()
    {
        var esbuild = EsbuildBytes();
        return
        [
            new("sha256", "sha256.wasm", HashWasm()["sha256"], new Sha256Workload($"sha256 of esbuild.wasm ({Sizes.Format(esbuild.Length)})", esbuild)),
            FromPackage("lz4", "lz4-wasm-nodejs", "0.9.2", "lz4_wasm_nodejs_bg.wasm", WasmBindgenCompressWorkload.Lz4(esbuild[..(4 << 20)])),
            FromPackage("zstd", "@bokuweb/zstd-wasm", "0.0.27", "dist/common/zstd.wasm", new ZstdWorkload(esbuild[..(1 << 20)], level: 19)),
            FromPackage("brotli", "brotli-wasm", "3.0.1", "pkg.node/brotli_wasm_bg.wasm", WasmBindgenCompressWorkload.Brotli(esbuild[..(1 << 20)])),
            FromPackage("sql-wasm", "sql.js", "1.16.0", "dist/sql-wasm.wasm", null),
            new("esbuild", "esbuild.wasm", esbuild, null),
        ];
    }

    /// <summary>The smoke run's one small module, hashing 1 MiB of made-up bytes (no 14 MB download).</summary>
    public List<BenchModule> Smoke()
    {
        var input = new byte[1 << 20];
        new Random(12).NextBytes(input);
        return [new("sha256", "sha256.wasm", HashWasm()["sha256"], new Sha256Workload("sha256 of 1 MiB (smoke)", input))];
    }
}
