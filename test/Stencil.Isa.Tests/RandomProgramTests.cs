using Stencil.Ir;
using Stencil.Ir.Entities;

namespace Stencil.Isa.Tests;

/// <summary>
/// Differential testing: seeded random programs over mixed integer widths, with enough values live at
/// once to force spills and a loop whose block parameters are shuffled, are compiled and run, and the
/// result compared with a direct evaluation of the same operations in C#.
/// </summary>
[TestClass]
public sealed unsafe class RandomProgramTests
{
    private static readonly Opcode[] Ops =
        [Opcode.Iadd, Opcode.Isub, Opcode.Imul, Opcode.Band, Opcode.Bor, Opcode.Bxor, Opcode.Ishl, Opcode.Ushr, Opcode.Sshr, Opcode.Rotl,
         Opcode.Smin, Opcode.Umax, Opcode.Udiv, Opcode.Srem, Opcode.Icmp, Opcode.Select];
    private static readonly IrType[] Types = [IrType.I8, IrType.I16, IrType.I32, IrType.I64];

    private static ulong Mask(IrType t) => t.Bits == 64 ? ulong.MaxValue : (1UL << t.Bits) - 1;
    private static long S(ulong v, IrType t) => ((long)v << (64 - t.Bits)) >> (64 - t.Bits);

    private sealed class Gen(int seed)
    {
        private readonly Random _rng = new(seed);
        public readonly List<(Value V, IrType T)> Values = [];
        public readonly List<ulong> Known = [];

        public int Pick() => _rng.Next(Values.Count);
        public int Next(int n) => _rng.Next(n);

        public void Add(Value v, IrType t, ulong value)
        {
            Values.Add((v, t));
            Known.Add(value & Mask(t));
        }
    }

    private static Value Convert(InstBuilder b, Gen g, int index, IrType to, out ulong value)
    {
        var (v, t) = g.Values[index];
        ulong x = g.Known[index];
        if (t == to) { value = x; return v; }
        if (t.Bits > to.Bits) { value = x & Mask(to); return b.Convert(Opcode.Ireduce, to, v); }
        bool signed = (index & 1) == 0;
        value = (signed ? (ulong)S(x, t) : x) & Mask(to);
        return b.Convert(signed ? Opcode.Sextend : Opcode.Uextend, to, v);
    }

    /// <summary>Emits one random operation on known values, appending its result to the pool.</summary>
    private static void Step(InstBuilder b, Gen g)
    {
        var op = Ops[g.Next(Ops.Length)];
        var t = Types[g.Next(Types.Length)];
        var x = Convert(b, g, g.Pick(), t, out ulong a);
        var y = Convert(b, g, g.Pick(), t, out ulong c);
        ulong m = Mask(t);
        int n = (int)(c & (ulong)(t.Bits - 1));
        switch (op)
        {
            case Opcode.Udiv when (c & m) == 0:
            case Opcode.Srem when (c & m) == 0:
                op = Opcode.Iadd;
                break;
        }
        Value r;
        ulong value;
        switch (op)
        {
            case Opcode.Icmp:
            {
                var cc = (IntCC)g.Next(10);
                r = b.Icmp(cc, x, y);
                value = cc.Evaluate(a, c, t.Bits) ? 1UL : 0UL;
                g.Add(r, IrType.I8, value);
                return;
            }
            case Opcode.Select:
            {
                int ci = g.Pick();
                r = b.Select(g.Values[ci].V, x, y);
                value = g.Known[ci] != 0 ? a : c;
                break;
            }
            default:
                r = b.Binary(op, x, y);
                value = op switch
                {
                    Opcode.Iadd => a + c,
                    Opcode.Isub => a - c,
                    Opcode.Imul => a * c,
                    Opcode.Band => a & c,
                    Opcode.Bor => a | c,
                    Opcode.Bxor => a ^ c,
                    Opcode.Ishl => a << n,
                    Opcode.Ushr => a >> n,
                    Opcode.Sshr => (ulong)(S(a, t) >> n),
                    Opcode.Rotl => n == 0 ? a : (a << n) | (a >> (t.Bits - n)),
                    Opcode.Smin => (ulong)Math.Min(S(a, t), S(c, t)),
                    Opcode.Umax => Math.Max(a, c),
                    Opcode.Udiv => a / c,
                    _ => S(c, t) == -1 ? 0 : (ulong)(S(a, t) % S(c, t)),
                };
                break;
        }
        g.Add(r, t, value);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(4)]
    [DataRow(5)]
    [DataRow(6)]
    [DataRow(7)]
    [DataRow(8)]
    public void StraightLineProgramsMatchDirectEvaluation(int seed)
    {
        var f = TestIr.Func([IrType.I64, IrType.I64], [IrType.I64], out var c, out var a);
        var g = new Gen(seed);
        const long X = 0x0123_4567_89AB_CDEF, Y = -0x1234_5678;
        g.Add(a[0], IrType.I64, (ulong)X);
        g.Add(a[1], IrType.I64, unchecked((ulong)Y));
        for (int i = 0; i < 150; i++) Step(c.Ins(), g);
        // Fold every value into the result so all of them stay live to the end.
        var acc = c.Ins().Iconst(IrType.I64, 0);
        ulong expected = 0;
        for (int i = 0; i < g.Values.Count; i++)
        {
            var v = Convert(c.Ins(), g, i, IrType.I64, out ulong x);
            acc = c.Ins().Bxor(c.Ins().BinaryImm(Opcode.RotlImm, acc, 7), v);
            expected = ((expected << 7) | (expected >> 57)) ^ x;
        }
        c.Ins().Return(acc);
        using var img = new JitImage(TestIr.Compile(f));
        Assert.AreEqual((long)expected, ((delegate* unmanaged<long, long, long>)img[0])(X, Y), $"seed {seed}");
    }

    /// <summary>A loop carrying eight values whose block arguments are a random permutation of
    /// updated parameters; the C# model runs the same iterations.</summary>
    [TestMethod]
    [DataRow(11)]
    [DataRow(12)]
    [DataRow(13)]
    [DataRow(14)]
    public void LoopsWithShuffledBlockArguments(int seed)
    {
        const int k = 8, iterations = 37;
        var rng = new Random(seed);
        var perm = Enumerable.Range(0, k).OrderBy(_ => rng.Next()).ToArray();
        var addends = Enumerable.Range(0, k).Select(_ => (long)rng.Next(1, 1000)).ToArray();
        var f = TestIr.Func([IrType.I64], [IrType.I64], out var c, out var a);
        var dfg = f.Dfg;
        var head = dfg.MakeBlock();
        var ps = Enumerable.Range(0, k).Select(_ => dfg.AppendBlockParam(head, IrType.I64)).ToArray();
        var counter = dfg.AppendBlockParam(head, IrType.I64);
        var exit = dfg.MakeBlock();
        var init = Enumerable.Range(0, k).Select(i => c.Ins().IaddImm(a[0], i)).Append(c.Ins().Iconst(IrType.I64, iterations)).ToArray();
        c.Ins().Jump(head, init);
        c.AtBottom(head);
        var upd = Enumerable.Range(0, k).Select(i => c.Ins().IaddImm(c.Ins().Bxor(ps[i], ps[(i + 3) % k]), addends[i])).ToArray();
        var args = perm.Select(p => upd[p]).Append(c.Ins().IaddImm(counter, -1)).ToArray();
        c.Ins().Brif(counter, head, args, exit, []);
        c.AtBottom(exit);
        var acc = ps[0];
        for (int i = 1; i < k; i++) acc = c.Ins().Iadd(c.Ins().BinaryImm(Opcode.ImulImm, acc, 31), ps[i]);
        c.Ins().Return(acc);

        long start = 77;
        var state = Enumerable.Range(0, k).Select(i => start + i).ToArray();
        for (long n = iterations; n != 0; n--)
        {
            var u = Enumerable.Range(0, k).Select(i => (state[i] ^ state[(i + 3) % k]) + addends[i]).ToArray();
            state = perm.Select(p => u[p]).ToArray();
        }
        long expected = state[0];
        for (int i = 1; i < k; i++) expected = unchecked(expected * 31 + state[i]);

        using var img = new JitImage(TestIr.Compile(f));
        Assert.AreEqual(expected, ((delegate* unmanaged<long, long>)img[0])(start), $"seed {seed}");
    }
}
