using System.IO.Compression;

namespace Stencil.Wasm.Runtime.Tests.RealModules;

/// <summary>Real compressors from npm, run from C# through the runtime: compress, then decompress, byte-identical.</summary>
[TestClass]
public sealed class CompressionTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>lz4-wasm-nodejs 0.9.2 (Rust, wasm-bindgen; its one import builds an error string and must not be called).</summary>
    [TestMethod]
    public void Lz4RoundTrips()
    {
        var package = NpmPackages.Fetch("lz4-wasm-nodejs", "0.9.2");
        using var module = new RealModule(Path.Combine(package, "lz4_wasm_nodejs_bg.wasm"), m => RealModule.ImportsOf(m.Module, m.Store, new Dictionary<string, HostFunctionCallback>()));
        var data = RealModule.SampleData(4 * 1024 * 1024, seed: 4);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var compressed = WasmBindgen.CallBytesToBytes(module, "compress", data, returnsResult: false);
        var restored = WasmBindgen.CallBytesToBytes(module, "decompress", compressed, returnsResult: true);
        TestContext.WriteLine($"lz4: {data.Length} -> {compressed.Length} bytes and back in {clock.ElapsedMilliseconds} ms");
        Assert.IsLessThan(data.Length, compressed.Length);
        CollectionAssert.AreEqual(data, restored);
    }

    /// <summary>@bokuweb/zstd-wasm 0.0.27 (Emscripten; minified exports from its <c>zstd.js</c>: <c>g</c> constructors,
    /// <c>h</c> isError, <c>i</c> compressBound, <c>m</c> compress, <c>r</c> decompress, <c>s</c> malloc; import
    /// <c>a.e</c> is emscripten_resize_heap, the only one that does work).</summary>
    [TestMethod]
    public void ZstdRoundTrips()
    {
        var package = NpmPackages.Fetch("@bokuweb/zstd-wasm", "0.0.27");
        int grows = 0;
        using var module = new RealModule(Path.Combine(package, "dist", "common", "zstd.wasm"), m => RealModule.ImportsOf(m.Module, m.Store,
            new Dictionary<string, HostFunctionCallback>
            {
                // emscripten_resize_heap(requested): grow to at least the requested size, as the glue does (1 = done).
                ["e"] = (arguments, results) =>
                {
                    long requested = (uint)arguments[0].AsInt32();
                    long pages = (requested - m.Memory.Length + 65535) / 65536;
                    bool grown = pages <= 0 || m.Memory.Grow((uint)pages) >= 0;
                    grows++;
                    results[0] = WasmValue.I32(grown ? 1 : 0);
                },
            }));
        module.Call("g");
        var data = RealModule.SampleData(4 * 1024 * 1024, seed: 3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int src = (int)module.Call("s", data.Length);
        module.Write(src, data);
        int bound = (int)module.Call("i", data.Length);
        int dst = (int)module.Call("s", bound);
        int size = (int)module.Call("m", dst, bound, src, data.Length, 3);
        Assert.AreEqual(0L, module.Call("h", size), $"ZSTD_compress failed: {size}");
        var compressed = module.Read(dst, size);

        int back = (int)module.Call("s", data.Length);
        int restoredSize = (int)module.Call("r", back, data.Length, dst, size);
        Assert.AreEqual(0L, module.Call("h", restoredSize), $"ZSTD_decompress failed: {restoredSize}");
        TestContext.WriteLine($"zstd level 3: {data.Length} -> {compressed.Length} bytes and back in {clock.ElapsedMilliseconds} ms; {grows} heap resizes");
        Assert.AreEqual(data.Length, restoredSize);
        Assert.IsLessThan(data.Length, compressed.Length);
        CollectionAssert.AreEqual(data, module.Read(back, restoredSize));
    }

    /// <summary>brotli-wasm 3.0.1 (Rust, wasm-bindgen, 10 imports; with options undefined only is_undefined and
    /// object_drop_ref run). Its output must also be readable by .NET's <see cref="BrotliStream"/>.</summary>
    [TestMethod]
    public void BrotliRoundTripsAndDotNetReadsIt()
    {
        var package = NpmPackages.Fetch("brotli-wasm", "3.0.1");
        // The glue passes JavaScript values as indices into its object heap; index 31 is where it lends `undefined`.
        const int Undefined = 31;
        using var module = new RealModule(Path.Combine(package, "pkg.node", "brotli_wasm_bg.wasm"), m => RealModule.ImportsOf(m.Module, m.Store,
            new Dictionary<string, HostFunctionCallback>
            {
                ["__wbindgen_is_undefined"] = (arguments, results) => results[0] = WasmValue.I32(arguments[0].AsInt32() == Undefined ? 1 : 0),
                ["__wbindgen_object_drop_ref"] = (_, _) => { },
            }));
        var data = RealModule.SampleData(256 * 1024, seed: 11);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var compressed = WasmBindgen.CallBytesToBytes(module, "compress", data, returnsResult: true, Undefined);
        var restored = WasmBindgen.CallBytesToBytes(module, "decompress", compressed, returnsResult: true);
        TestContext.WriteLine($"brotli (quality 11): {data.Length} -> {compressed.Length} bytes and back in {clock.ElapsedMilliseconds} ms");
        Assert.IsLessThan(data.Length, compressed.Length);
        CollectionAssert.AreEqual(data, restored);

        using var reader = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var viaDotNet = new MemoryStream();
        reader.CopyTo(viaDotNet);
        CollectionAssert.AreEqual(data, viaDotNet.ToArray(), ".NET's BrotliStream reads what brotli-wasm wrote");
    }
}
