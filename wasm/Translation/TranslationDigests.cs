using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Stencil.Ir.Keys;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Translation;

/// <summary>
/// One digest per entry of <see cref="ModuleTranslator.Layout"/>, naming everything its translation (and, for a defined
/// function, its validation) reads: the module name, every byte of the module outside the code section (types,
/// imports, functions' types, tables, memories, globals, exports, elements, data, custom sections) and, for a defined
/// function, its own body. Two modules whose entries have equal digests translate them to the same IR, so a build can
/// take an unchanged function's key from what it remembers and translate only what was edited; any module-level change
/// changes every digest. The translator reads no other function's body and attaches no source locations (so where a
/// body lies does not matter); should either change, the digest must cover it.
/// </summary>
public static class TranslationDigests
{
    // Bump when the translator starts reading something new; the compiler build id already separates compilers.
    private const string Version = "stencil-wasm-translation-1";

    public static CacheKey[] Compute(WasmModule module, string moduleName)
    {
        var bytes = module.Bytes.AsSpan();
        Span<byte> environment = stackalloc byte[SHA256.HashSizeInBytes];
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Version + "\0" + moduleName + "\0"));
            if (module.CodeSectionStart < 0) hash.AppendData(bytes);
            else
            {
                hash.AppendData(bytes[..module.CodeSectionStart]);
                hash.AppendData("\0"u8);
                hash.AppendData(bytes[module.CodeSectionEnd..]);
            }
            hash.GetHashAndReset(environment);
        }

        var layout = ModuleTranslator.Layout(module);
        var digests = new CacheKey[layout.Length];
        Span<byte> head = stackalloc byte[SHA256.HashSizeInBytes + 5];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        environment.CopyTo(head);
        using var entry = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < layout.Length; i++)
        {
            var (kind, index) = layout[i];
            head[SHA256.HashSizeInBytes] = (byte)kind;
            BinaryPrimitives.WriteUInt32LittleEndian(head[(SHA256.HashSizeInBytes + 1)..], index);
            entry.AppendData(head);
            if (kind == TranslatedKind.Function)
            {
                // The body's size field, local declarations and instructions.
                var body = module.Bodies[(int)index - module.ImportedFunctionCount];
                entry.AppendData(bytes[body.Offset..(body.CodeOffset + body.CodeLength)]);
            }
            entry.GetHashAndReset(digest);
            digests[i] = new CacheKey(digest);
        }
        return digests;
    }
}
