using System.Text.RegularExpressions;
using Iced.Intel;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Runtime.Native;

namespace Stencil.Wasm.Runtime.Tests.Native;

[TestClass]
public sealed partial class EntryCodeTests
{
    /// <summary>The listing next to the bytes in EntryCode.cs is what the bytes are.</summary>
    [TestMethod]
    public void TheBytesDisassembleToTheDocumentedListing()
    {
        var source = File.ReadAllLines(RepositoryRoot.Combine("wasm-runtime", "Native", "EntryCode.cs"));
        var documented = new Dictionary<ulong, string>();
        foreach (var line in source)
        {
            var m = ListingLine().Match(line);
            if (m.Success) documented[Convert.ToUInt64(m.Groups[1].Value, 16)] = m.Groups[2].Value.Trim();
        }
        var bytes = EntryCode.Bytes.ToArray();
        var decoder = Iced.Intel.Decoder.Create(64, bytes);
        var formatter = new IntelFormatter();
        formatter.Options.BranchLeadingZeros = false;
        formatter.Options.ShowBranchSize = true;
        int decoded = 0;
        while (decoder.IP < (ulong)bytes.Length)
        {
            var instruction = decoder.Decode();
            var text = new StringOutput();
            formatter.Format(instruction, text);
            var actual = text.ToStringAndReset();
            if (instruction.Mnemonic == Mnemonic.Int3) continue;
            Assert.IsTrue(documented.TryGetValue(instruction.IP, out var doc), $"no listing line at {instruction.IP:X2} for `{actual}`");
            Assert.AreEqual(doc, actual, $"at {instruction.IP:X2}");
            decoded++;
        }
        Assert.AreEqual(documented.Count(d => d.Value != "int3 (padding)"), decoded, "every listed instruction was decoded");
        Assert.AreEqual(EntryCode.TrapOffset, (int)documented.First(d => d.Value.StartsWith("mov rax,[rdi+10h]", StringComparison.Ordinal)).Key);
    }

    /// <summary>The bytes hard-code these offsets.</summary>
    [TestMethod]
    public void TheBytesAgreeWithTheAbiOffsets()
    {
        Assert.AreEqual(0, VmStore.StackLimit);
        Assert.AreEqual(8, VmStore.EntryFrame);
        Assert.AreEqual(16, VmOffsets.Store);
        Assert.AreEqual(0, (int)WasmBuiltin.Trap);
    }

    [GeneratedRegex(@"^\s*(?:0x[0-9A-F]{2},\s*)+//\s*([0-9A-F]{2}):\s*(.*?)(?:\s{2,}\S.*)?$")]
    private static partial Regex ListingLine();
}
