using System.Text.RegularExpressions;
using Stencil.Ir;
using Stencil.Ir.Entities;
using Stencil.Ir.Keys;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.Tests.Properties;

/// <summary>Property (c): any change that can change the code — one immediate, one opcode, one type, one
/// condition code, or the triple, a flag or the build id — changes the key. Mutations hit live instructions
/// only (dead ones are rightly not part of the key) and must still verify.</summary>
[TestClass]
public sealed partial class KeySensitivityPropertyTests
{
    /// <summary>Opcode swaps that keep every operand and result type valid.</summary>
    private static readonly Dictionary<Opcode, Opcode> Swaps = new()
    {
        [Opcode.Iadd] = Opcode.Isub, [Opcode.Isub] = Opcode.Iadd, [Opcode.Imul] = Opcode.Iadd,
        [Opcode.Band] = Opcode.Bor, [Opcode.Bor] = Opcode.Bxor, [Opcode.Bxor] = Opcode.Band,
        [Opcode.Smin] = Opcode.Smax, [Opcode.Smax] = Opcode.Umax, [Opcode.Umin] = Opcode.Smin, [Opcode.Umax] = Opcode.Umin,
        [Opcode.Ishl] = Opcode.Ushr, [Opcode.Ushr] = Opcode.Sshr, [Opcode.Sshr] = Opcode.Rotl, [Opcode.Rotl] = Opcode.Rotr, [Opcode.Rotr] = Opcode.Ishl,
        [Opcode.Uextend] = Opcode.Sextend, [Opcode.Sextend] = Opcode.Uextend,
        [Opcode.IaddImm] = Opcode.BxorImm, [Opcode.BxorImm] = Opcode.BorImm, [Opcode.BorImm] = Opcode.BandImm, [Opcode.BandImm] = Opcode.IaddImm,
        [Opcode.Bnot] = Opcode.Ineg, [Opcode.Ineg] = Opcode.Bnot, [Opcode.Udiv] = Opcode.Urem, [Opcode.Urem] = Opcode.Udiv,
    };

    private static readonly InstructionFormat[] ImmFormats = [InstructionFormat.UnaryImm, InstructionFormat.BinaryImm64, InstructionFormat.IntCompareImm];

    [TestMethod]
    public void ChangingOneImmediate_ChangesTheKey() =>
        ForEachLiveMutation(d => ImmFormats.Contains(d.Format), d => d.Imm ^= 1, "immediate");

    [TestMethod]
    public void ChangingOneOpcode_ChangesTheKey() =>
        ForEachLiveMutation(d => Swaps.ContainsKey(d.Opcode), d => d.Opcode = Swaps[d.Opcode], "opcode");

    [TestMethod]
    public void ChangingOneConditionCode_ChangesTheKey() =>
        ForEachLiveMutation(d => d.Opcode is Opcode.Icmp or Opcode.IcmpImm, d => d.IntCond = (IntCC)(((int)d.IntCond + 1) % 10), "condition code");

    /// <summary>Retypes one <c>iconst</c> in the text (a shift amount or a condition accepts any width) and keeps the variants that verify.</summary>
    [TestMethod]
    public void ChangingOneType_ChangesTheKey()
    {
        int tested = 0, functions = 0;
        foreach (var f in PropertyCorpus.Functions())
        {
            functions++;
            var key = PropertyCorpus.Key(f);
            var lines = ClifWriter.Write(f).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                var m = SmallConst().Match(lines[i]);
                if (!m.Success) continue;
                foreach (var other in new[] { "i8", "i16", "i32", "i64" })
                {
                    if (other == m.Groups["type"].Value) continue;
                    var mutated = (string[])lines.Clone();
                    mutated[i] = $"{m.Groups["head"].Value}{other} {m.Groups["imm"].Value}";
                    var variant = ClifReader.ParseFunction(string.Join('\n', mutated));
                    if (Verifier.Verify(variant).Count > 0) continue;
                    Assert.AreNotEqual(key, PropertyCorpus.Key(variant), string.Join('\n', mutated));
                    tested++;
                    goto next;
                }
            }
            next:;
        }
        Assert.IsGreaterThan(functions / 4, tested, $"only {tested} of {functions} functions had a type-valid retyping");
    }

    [TestMethod]
    public void ChangingTripleFlagsOrBuildId_ChangesTheKey()
    {
        var ctx = PropertyCorpus.KeyContext;
        var others = new[]
        {
            ctx with { Triple = "x86_64-unknown-linux-musl" },
            ctx with { Flags = [.. ctx.Flags, KeyValuePair.Create("extra", "1")] },
            ctx with { Flags = ctx.Flags.Select((p, i) => i == 0 ? KeyValuePair.Create(p.Key, p.Value + "x") : p).ToArray() },
            ctx with { CompilerBuildId = ctx.CompilerBuildId + "+1" },
        };
        Assert.IsNotEmpty(ctx.Flags);
        int n = 0;
        foreach (var f in PropertyCorpus.Functions())
        {
            var key = StencilEncoder.ComputeKey(f.Stencil, ctx);
            foreach (var other in others) Assert.AreNotEqual(key, StencilEncoder.ComputeKey(f.Stencil, other));
            n++;
        }
        Assert.AreEqual(PropertyCorpus.Count, n);
    }

    /// <summary>For every function with a live instruction <paramref name="eligible"/> accepts: mutates a copy at
    /// one such instruction (chosen by a seeded random), requires it to verify, and requires a different key.</summary>
    private static void ForEachLiveMutation(Func<InstructionData, bool> eligible, Action<InstructionData> mutate, string what)
    {
        var rng = new Random(1234);
        int tested = 0, functions = 0;
        foreach (var f in PropertyCorpus.Functions())
        {
            functions++;
            var copy = PropertyCorpus.Copy(f);
            var live = LiveCode.Compute(copy.Stencil);
            var candidates = copy.Layout.Insts().Where(i => live.IsLive(i) && eligible(copy.Dfg[i])).ToArray();
            if (candidates.Length == 0) continue;
            var inst = candidates[rng.Next(candidates.Length)];
            mutate(copy.Dfg[inst]);
            Assert.IsEmpty(Verifier.Verify(copy), $"{what} mutation of {inst} must stay valid:\n{ClifWriter.Write(copy)}");
            Assert.AreNotEqual(PropertyCorpus.Key(f), PropertyCorpus.Key(copy), $"{what} of {inst} changed but the key did not:\n{ClifWriter.Write(copy)}");
            tested++;
        }
        Assert.IsGreaterThan(functions / 2, tested, $"only {tested} of {functions} functions had a live {what} to change");
    }

    [GeneratedRegex(@"^(?<head>\s*v\d+ = iconst\.)(?<type>i\d+) (?<imm>\d{1,2})$")]
    private static partial Regex SmallConst();
}
