using System.Security.Cryptography;

namespace Stencil.Wasm.Runtime.Tests.RealModules;

/// <summary>hash-wasm 4.13.0's sha256 module (no imports; its bytes are base64 inside <c>dist/index.umd.js</c>), used as
/// its JavaScript wrapper uses it: 16 KiB chunks through <c>Hash_GetBuffer</c>/<c>Hash_Update</c>.</summary>
[TestClass]
public sealed class HashWasmTests
{
    private const int ChunkSize = 16 * 1024;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Sha256Of14MegabytesEqualsDotNets()
    {
        var wasm = Extract("sha256");
        using var module = new RealModule(wasm, _ => new Imports());
        var data = RealModule.SampleData(14 * 1024 * 1024, seed: 14);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var digest = Hash(module, data);
        TestContext.WriteLine($"sha256 of {data.Length} bytes in wasm: {clock.ElapsedMilliseconds} ms");
        CollectionAssert.AreEqual(SHA256.HashData(data), digest);
        CollectionAssert.AreEqual(SHA256.HashData(data.AsSpan(0, 1000)), Hash(module, data[..1000]), "the instance hashes again");
        CollectionAssert.AreEqual(SHA256.HashData([]), Hash(module, []));
    }

    private static byte[] Hash(RealModule module, byte[] data)
    {
        int buffer = (int)module.Call("Hash_GetBuffer");
        module.Call("Hash_Init", 256);
        for (int read = 0; read < data.Length; read += ChunkSize)
        {
            var chunk = data.AsSpan(read, Math.Min(ChunkSize, data.Length - read));
            module.Write(buffer, chunk);
            module.Call("Hash_Update", chunk.Length);
        }
        module.Call("Hash_Final");
        return module.Read(buffer, 32);
    }

    private static string Extract(string name)
    {
        var package = NpmPackages.Fetch(HashWasmModules.Package, HashWasmModules.Version);
        var path = Path.Combine(package, name + ".wasm");
        File.WriteAllBytes(path, HashWasmModules.Extract(package)[name]);
        return path;
    }
}
