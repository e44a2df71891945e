using Stencil.Wasm.Translation;
using static Stencil.Wasm.Tests.WasmBuilder;

namespace Stencil.Wasm.Tests.Translation;

/// <summary>A function's translation digest changes with its own body and with anything outside the code section,
/// and with nothing else: not with another function's body, nor with where its body lies.</summary>
[TestClass]
public sealed class TranslationDigestsTests
{
    private static readonly byte[] Add = [0x20, 0, 0x41, 5, 0x6A, 0x0B];       // local.get 0; i32.const 5; i32.add
    private static readonly byte[] AddLong = [0x20, 0, 0x41, 0xC8, 0x01, 0x6A, 0x0B]; // i32.const 200: one byte longer
    private static readonly byte[] Twice = [0x20, 0, 0x20, 0, 0x6A, 0x0B];

    private static Ir.Keys.CacheKey[] Digests(byte[] first, byte[] second, uint memory = 1, string name = "m")
    {
        var module = new WasmBuilder().Memory(memory).Func(I32, I32, first).Func(I32, I32, second).Load();
        Assert.HasCount(4, ModuleTranslator.Layout(module), "two functions, each with its own type and its trampoline");
        return TranslationDigests.Compute(module, name);
    }

    [TestMethod]
    public void OnlyTheEditedBodysDigestChanges()
    {
        var before = Digests(Add, Twice);
        CollectionAssert.AreEqual(before, Digests(Add, Twice), "the same bytes, the same digests");
        CollectionAssert.AllItemsAreUnique(before);

        var edited = Digests(AddLong, Twice);
        Assert.AreNotEqual(before[0], edited[0]);
        Assert.AreEqual(before[1], edited[1], "the next body moved but did not change");
        Assert.AreEqual(before[2], edited[2], "trampolines read no body");
    }

    [TestMethod]
    public void AModuleLevelChangeOrAnotherNameChangesEveryDigest()
    {
        var before = Digests(Add, Twice);
        var otherMemory = Digests(Add, Twice, memory: 2);
        var otherName = Digests(Add, Twice, name: "n");
        for (int i = 0; i < before.Length; i++)
        {
            Assert.AreNotEqual(before[i], otherMemory[i]);
            Assert.AreNotEqual(before[i], otherName[i]);
        }
    }
}
