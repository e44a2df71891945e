using System.Collections.Frozen;
using Stencil.Ir.Entities;
using static Stencil.Ir.Opcode;

namespace Stencil.Ir.Optimization;

/// <summary>
/// The mid-end's algebraic rules, written once as data. Three kinds: canonical forms (a constant
/// operand becomes an immediate, so GVN sees one shape and the backend an immediate operand), identities
/// and strength reductions (exact only: unsigned division by powers of two, multiplication by powers of
/// two), and reassociation of immediates. Rules never remove a trap that can happen: division rules fire
/// only for non-zero divisors, and signed division by -1 (which overflows) is left alone. Constant
/// operands are zero-extended to their width (<see cref="RuleMatch"/>); immediates are sign-extended.
/// </summary>
internal static class SimplifyRules
{
    public static IReadOnlyList<SimplifyRule> All { get; } = Build();

    private static readonly FrozenDictionary<Opcode, SimplifyRule[]> ByOpcode =
        All.GroupBy(r => r.Opcode).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    public static ReadOnlySpan<SimplifyRule> For(Opcode op) => ByOpcode.TryGetValue(op, out var rules) ? rules : [];

    private static SimplifyRule[] Build()
    {
        var rules = new List<SimplifyRule>();
        void R(string name, Opcode op, Func<RuleMatch, bool> when, RuleAction then, bool anyType = false) => rules.Add(new(name, op, when, then, anyType));

        // Constants on the right become immediates.
        foreach (var (op, imm) in new[] { (Iadd, IaddImm), (Imul, ImulImm), (Band, BandImm), (Bor, BorImm), (Bxor, BxorImm) })
            R($"{op.Name()} x, k => {imm.Name()} x, k", op, m => m.Rhs is not null, To(imm, m => m.RhsSigned));
        R("isub x, k => iadd_imm x, -k", Isub, m => m.Rhs is not null, To(IaddImm, m => unchecked(-m.RhsSigned)));
        foreach (var (op, imm) in new[] { (Ishl, IshlImm), (Ushr, UshrImm), (Sshr, SshrImm), (Rotl, RotlImm), (Rotr, RotrImm) })
            R($"{op.Name()} x, k => {imm.Name()} x, k mod bits", op, m => m.Rhs is not null, To(imm, m => (long)(m.Rhs!.Value & (ulong)(m.Bits - 1))));
        R("icmp cc x, k => icmp_imm cc x, k", Icmp, m => m.Rhs is not null, To(IcmpImm, m => m.RhsSigned));

        // Exact strength reduction of unsigned division and remainder by a power of two (never zero, so never a trap).
        R("udiv x, 2^k => ushr_imm x, k", Udiv, m => m.Rhs is { } k && IntConstants.IsPowerOfTwo(k), To(UshrImm, m => IntConstants.Log2(m.Rhs!.Value)));
        R("urem x, 2^k => band_imm x, 2^k-1", Urem, m => m.Rhs is { } k && IntConstants.IsPowerOfTwo(k), To(BandImm, m => (long)(m.Rhs!.Value - 1)));
        R("udiv_imm x, 2^k => ushr_imm x, k", UdivImm, m => IntConstants.IsPowerOfTwo(m.ImmBits), To(UshrImm, m => IntConstants.Log2(m.ImmBits)));
        R("urem_imm x, 2^k => band_imm x, 2^k-1", UremImm, m => IntConstants.IsPowerOfTwo(m.ImmBits), To(BandImm, m => (long)(m.ImmBits - 1)));
        R("sdiv x, 1 => x", Sdiv, m => m.Rhs == 1, Arg(0));
        R("srem x, +-1 => 0", Srem, m => m.Rhs == 1 || m.Rhs == m.AllOnes, Const(_ => 0));
        R("sdiv_imm x, 1 => x", SdivImm, m => m.ImmBits == 1, Arg(0));
        R("srem_imm x, +-1 => 0", SremImm, m => m.ImmBits == 1 || m.ImmBits == m.AllOnes, Const(_ => 0));

        // Identities of immediate forms.
        R("iadd_imm x, 0 => x", IaddImm, m => m.ImmBits == 0, Arg(0));
        R("imul_imm x, 1 => x", ImulImm, m => m.ImmBits == 1, Arg(0));
        R("imul_imm x, 0 => 0", ImulImm, m => m.ImmBits == 0, Const(_ => 0));
        R("imul_imm x, -1 => ineg x", ImulImm, m => m.ImmBits == m.AllOnes, To(Ineg, _ => 0, noImm: true));
        R("imul_imm x, 2^k => ishl_imm x, k", ImulImm, m => IntConstants.IsPowerOfTwo(m.ImmBits), To(IshlImm, m => IntConstants.Log2(m.ImmBits)));
        R("band_imm x, 0 => 0", BandImm, m => m.ImmBits == 0, Const(_ => 0));
        R("band_imm x, -1 => x", BandImm, m => m.ImmBits == m.AllOnes, Arg(0));
        R("bor_imm x, 0 => x", BorImm, m => m.ImmBits == 0, Arg(0));
        R("bor_imm x, -1 => -1", BorImm, m => m.ImmBits == m.AllOnes, Const(m => m.AllOnes));
        R("bxor_imm x, 0 => x", BxorImm, m => m.ImmBits == 0, Arg(0));
        R("bxor_imm x, -1 => bnot x", BxorImm, m => m.ImmBits == m.AllOnes, To(Bnot, _ => 0, noImm: true));
        foreach (var op in new[] { IshlImm, UshrImm, SshrImm, RotlImm, RotrImm })
            R($"{op.Name()} x, 0 => x", op, m => (m.Data.Imm & (m.Bits - 1)) == 0, Arg(0));

        // Reassociation: two immediates in a row become one.
        R("iadd_imm (iadd_imm x, a), b => iadd_imm x, a+b", IaddImm, m => m.InnerIs(IaddImm), Outer(IaddImm, (a, b) => unchecked(a + b)));
        R("imul_imm (imul_imm x, a), b => imul_imm x, a*b", ImulImm, m => m.InnerIs(ImulImm), Outer(ImulImm, (a, b) => unchecked(a * b)));
        R("band_imm (band_imm x, a), b => band_imm x, a&b", BandImm, m => m.InnerIs(BandImm), Outer(BandImm, (a, b) => a & b));
        R("bor_imm (bor_imm x, a), b => bor_imm x, a|b", BorImm, m => m.InnerIs(BorImm), Outer(BorImm, (a, b) => a | b));
        R("bxor_imm (bxor_imm x, a), b => bxor_imm x, a^b", BxorImm, m => m.InnerIs(BxorImm), Outer(BxorImm, (a, b) => a ^ b));

        // Both operands the same value.
        R("isub x, x => 0", Isub, m => m.SameArgs, Const(_ => 0));
        R("bxor x, x => 0", Bxor, m => m.SameArgs, Const(_ => 0));
        foreach (var op in new[] { Band, Bor, Smin, Smax, Umin, Umax })
            R($"{op.Name()} x, x => x", op, m => m.SameArgs, Arg(0));
        R("icmp cc x, x => cc reflexive", Icmp, m => m.SameArgs, Const(m => m.Data.IntCond is IntCC.Equal or IntCC.SignedLessThanOrEqual
            or IntCC.SignedGreaterThanOrEqual or IntCC.UnsignedLessThanOrEqual or IntCC.UnsignedGreaterThanOrEqual ? 1UL : 0UL));
        R("icmp_imm ult x, 0 => 0", IcmpImm, m => m.Data.IntCond == IntCC.UnsignedLessThan && m.ImmBits == 0, Const(_ => 0));
        R("icmp_imm uge x, 0 => 1", IcmpImm, m => m.Data.IntCond == IntCC.UnsignedGreaterThanOrEqual && m.ImmBits == 0, Const(_ => 1));

        // A comparison's 0/1 result (maybe zero-extended) compared with zero is that comparison or its inverse;
        // chains of them (`icmp eq (uextend (icmp eq ...)), 0`) collapse one link per rule application.
        R("icmp_imm ne (uextend? (icmp cc ..)), 0 => icmp cc ..", IcmpImm,
            m => m.Data.IntCond == IntCC.NotEqual && m.ImmBits == 0 && BoolUnder(m) is not null && m.ArgType(0) == IrType.I8,
            new RuleAction.UseValue(m => BoolSource(m)!.Value));
        R("icmp_imm ne (uextend (icmp cc ..)), 0 => icmp cc ..", IcmpImm,
            m => m.Data.IntCond == IntCC.NotEqual && m.ImmBits == 0 && BoolUnder(m) is not null, new RuleAction.CopyCompare(m => BoolUnder(m)!, Invert: false));
        R("icmp_imm eq (uextend? (icmp cc ..)), 0 => icmp !cc ..", IcmpImm,
            m => m.Data.IntCond == IntCC.Equal && m.ImmBits == 0 && BoolUnder(m) is not null, new RuleAction.CopyCompare(m => BoolUnder(m)!, Invert: true));

        // Involutions and chains of extensions.
        R("ineg (ineg x) => x", Ineg, m => m.InnerIs(Ineg), new RuleAction.UseValue(m => m.Inner!.Args[0]));
        R("bnot (bnot x) => x", Bnot, m => m.InnerIs(Bnot), new RuleAction.UseValue(m => m.Inner!.Args[0]));
        R("ireduce (extend x) => x when the types agree", Ireduce,
            m => (m.InnerIs(Uextend) || m.InnerIs(Sextend)) && m.Dfg.ValueType(m.Inner!.Args[0]) == m.Type,
            new RuleAction.UseValue(m => m.Inner!.Args[0]), anyType: true);
        R("uextend (uextend x) => uextend x", Uextend, m => m.InnerIs(Uextend), new RuleAction.Become(Uextend, m => [m.Inner!.Args[0]], _ => 0), anyType: true);
        R("sextend (sextend x) => sextend x", Sextend, m => m.InnerIs(Sextend), new RuleAction.Become(Sextend, m => [m.Inner!.Args[0]], _ => 0), anyType: true);

        // Selection decided by its operands.
        R("select c, x, x => x", Select, m => m.Data.Args[1] == m.Data.Args[2], Arg(1), anyType: true);
        R("select k, x, y => x or y", Select, m => m.Lhs is not null, new RuleAction.UseValue(m => m.Lhs != 0 ? m.Arg(1) : m.Arg(2)), anyType: true);

        // Conditional traps whose condition cannot trap.
        R("trapz k => nothing when k != 0", Trapz, m => m.Lhs is { } k && k != 0, new RuleAction.Remove(), anyType: true);
        R("trapnz 0 => nothing", Trapnz, m => m.Lhs == 0, new RuleAction.Remove(), anyType: true);

        // Address arithmetic moves into the access's offset (x86 and every other target have base+disp).
        foreach (var op in new[] { Load, Uload8, Sload8, Uload16, Sload16, Uload32, Sload32 })
            R($"{op.Name()} (iadd_imm p, k)+off => {op.Name()} p+(off+k)", op, m => FoldsAddress(m, 0), new RuleAction.FoldAddress(0), anyType: true);
        foreach (var op in new[] { Store, Istore8, Istore16, Istore32 })
            R($"{op.Name()} x, (iadd_imm p, k)+off => {op.Name()} x, p+(off+k)", op, m => FoldsAddress(m, 1), new RuleAction.FoldAddress(1), anyType: true);

        return rules.ToArray();
    }

    private static RuleAction Arg(int i) => new RuleAction.UseValue(m => m.Arg(i));
    private static RuleAction Const(Func<RuleMatch, ulong> value) => new RuleAction.Constant(value);

    private static RuleAction To(Opcode op, Func<RuleMatch, long> imm, bool noImm = false) =>
        new RuleAction.Become(op, m => [m.Arg(0)], noImm ? _ => 0 : imm);

    /// <summary><c>op (op x, a), b</c> to <c>op x, combine(a, b)</c>.</summary>
    private static RuleAction Outer(Opcode op, Func<long, long, long> combine) =>
        new RuleAction.Become(op, m => [m.Inner!.Args[0]], m => combine(m.Inner!.Imm, m.Data.Imm));

    /// <summary>The integer comparison whose 0/1 result is the first operand, directly or through one <c>uextend</c>.</summary>
    private static InstructionData? BoolUnder(RuleMatch m) => BoolSource(m) is { } v && m.Dfg.ValueDef(v) is { Kind: ValueDefKind.Result } def
        && m.Dfg[def.Inst] is { Opcode: Icmp or IcmpImm } cmp ? cmp : null;

    private static Value? BoolSource(RuleMatch m)
    {
        var v = m.Dfg.ResolveAliases(m.Arg(0));
        var def = m.Dfg.ValueDef(v);
        if (def.Kind != ValueDefKind.Result) return null;
        var d = m.Dfg[def.Inst];
        if (d.Opcode == Uextend) v = m.Dfg.ResolveAliases(d.Args[0]);
        return v;
    }

    private static bool FoldsAddress(RuleMatch m, int addressArg)
    {
        if (m.Data.Args.Length <= addressArg) return false;
        var addr = m.Data.Args[addressArg];
        var def = m.Dfg.ValueDef(m.Dfg.ResolveAliases(addr));
        if (def.Kind != ValueDefKind.Result || m.Dfg.ValueType(addr) != IrType.I64) return false;
        var inner = m.Dfg[def.Inst];
        return inner.Opcode == IaddImm && (long)m.Data.Offset + inner.Imm is >= int.MinValue and <= int.MaxValue;
    }
}
