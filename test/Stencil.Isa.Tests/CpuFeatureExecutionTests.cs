using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace Stencil.Isa.Tests;

/// <summary>The CPU features a target names (has_popcnt with has_sse42, has_lzcnt, has_bmi1, has_sse41) select popcnt,
/// lzcnt, tzcnt, andn and roundss/roundsd; compiled with them, each operation still gives the IR's result for every
/// width. Needs a host with those features (skipped otherwise; failed under CI=true).</summary>
[TestClass]
public sealed unsafe class CpuFeatureExecutionTests
{
    private static readonly long[] Samples =
    [
        0, 1, -1, 2, 5, -7, 0x80, 0x7F, 0xFF, 0x100, 0x8000, 0x7FFF, 0x1234_5678, int.MinValue, int.MaxValue,
        0x00F0_0000_0000_0001, long.MinValue, long.MaxValue, 0x0000_0001_0000_0000,
    ];

    private static void RequireHost(bool supported, string feature)
    {
        if (!supported) Prerequisite.Missing($"a host CPU with {feature}");
    }

    private static ulong Zx(long v, int bits) => bits == 64 ? (ulong)v : (ulong)v & ((1UL << bits) - 1);

    /// <summary>(i64, i64) -> i64 around one operation on the narrowed arguments, the result zero-extended.</summary>
    private static string IntFunction(int bits, string op, int arity)
    {
        string t = $"i{bits}";
        string narrow = bits == 64 ? "v2 = iadd_imm v0, 0\n    v3 = iadd_imm v1, 0" : $"v2 = ireduce.{t} v0\n    v3 = ireduce.{t} v1";
        string widen = bits == 64 ? "v5 = iadd_imm v4, 0" : "v5 = uextend.i64 v4";
        string args = arity == 1 ? "v2" : "v2, v3";
        return $$"""
            function %f(i64, i64) -> i64 {
            block0(v0: i64, v1: i64):
                {{narrow}}
                v4 = {{op}} {{args}}
                {{widen}}
                return v5
            }
            """;
    }

    private static void CheckInt(string setting, string mnemonic, string op, int arity, Func<ulong, ulong, int, ulong> reference)
    {
        foreach (int bits in new[] { 8, 16, 32, 64 })
        {
            var code = ClifIsa.Compile(IntFunction(bits, op, arity), setting.Split(' '));
            StringAssert.Contains(ClifIsa.Disassemble(code), mnemonic, $"{op}.i{bits} with {setting}");
            using var img = new JitImage(code);
            var fn = (delegate* unmanaged<long, long, long>)img[0];
            foreach (var a in Samples)
                foreach (var b in Samples)
                    Assert.AreEqual(reference(Zx(a, bits), Zx(b, bits), bits) & Zx(-1, bits), (ulong)fn(a, b), $"{op}.i{bits} {a:x} {b:x}");
        }
    }

    [TestMethod]
    public void PopcntCountsEveryWidth()
    {
        RequireHost(Popcnt.IsSupported, "popcnt");
        CheckInt("has_popcnt has_sse42", "popcnt", "popcnt", 1, (a, _, _) => (ulong)BitOperations.PopCount(a));
    }

    [TestMethod]
    public void PopcntNeedsSse42AsInCranelift()
    {
        var code = ClifIsa.Compile(IntFunction(32, "popcnt", 1), "has_popcnt");
        Assert.DoesNotContain("popcnt", ClifIsa.Disassemble(code));
    }

    [TestMethod]
    public void LzcntCountsLeadingZerosOfEveryWidth()
    {
        RequireHost(Lzcnt.IsSupported, "lzcnt");
        CheckInt("has_lzcnt", "lzcnt", "clz", 1, (a, _, bits) => (ulong)(BitOperations.LeadingZeroCount(a) - (64 - bits)));
    }

    [TestMethod]
    public void TzcntCountsTrailingZerosOfEveryWidth()
    {
        RequireHost(Bmi1.IsSupported, "bmi1");
        CheckInt("has_bmi1", "tzcnt", "ctz", 1, (a, _, bits) => a == 0 ? (ulong)bits : (ulong)BitOperations.TrailingZeroCount(a));
    }

    [TestMethod]
    public void AndnIsBandNot()
    {
        RequireHost(Bmi1.IsSupported, "bmi1");
        CheckInt("has_bmi1", "andn", "band_not", 2, (a, b, _) => a & ~b);
    }

    private static readonly double[] FloatSamples =
    [
        0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 1e300, -1e300, 4503599627370497.0,
        double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 8388609.5, -3.7,
    ];

    [TestMethod]
    [DataRow("ceil")]
    [DataRow("floor")]
    [DataRow("trunc")]
    [DataRow("nearest")]
    public void RoundssAndRoundsdRoundAsTheIrSays(string op)
    {
        RequireHost(Sse41.IsSupported, "sse4.1");
        Func<double, double> reference = op switch
        {
            "ceil" => Math.Ceiling,
            "floor" => Math.Floor,
            "trunc" => Math.Truncate,
            _ => x => Math.Round(x, MidpointRounding.ToEven),
        };
        foreach (var t in new[] { "f32", "f64" })
        {
            var code = ClifIsa.Compile($$"""
                function %f({{t}}) -> {{t}} {
                block0(v0: {{t}}):
                    v1 = {{op}} v0
                    return v1
                }
                """, "sse41");
            StringAssert.Contains(ClifIsa.Disassemble(code), t == "f32" ? "roundss" : "roundsd", $"{op}.{t}");
            Assert.IsEmpty(code.Relocs, "no libcall");
            using var img = new JitImage(code);
            foreach (var x in FloatSamples)
            {
                if (t == "f32")
                {
                    float f = (float)x;
                    float got = ((delegate* unmanaged<float, float>)img[0])(f);
                    Assert.AreEqual(BitConverter.SingleToInt32Bits((float)reference(f)), BitConverter.SingleToInt32Bits(got), $"{op}.f32 {f}");
                }
                else
                {
                    double got = ((delegate* unmanaged<double, double>)img[0])(x);
                    Assert.AreEqual(BitConverter.DoubleToInt64Bits(reference(x)), BitConverter.DoubleToInt64Bits(got), $"{op}.f64 {x}");
                }
            }
        }
    }
}
