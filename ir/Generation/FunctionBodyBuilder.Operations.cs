using Stencil.Ir.Entities;

namespace Stencil.Ir.Generation;

internal sealed partial class FunctionBodyBuilder
{
    private static readonly Opcode[] BinaryOps = [Opcode.Iadd, Opcode.Isub, Opcode.Imul, Opcode.Band, Opcode.Bor, Opcode.Bxor, Opcode.Smin, Opcode.Smax, Opcode.Umin, Opcode.Umax];
    private static readonly Opcode[] BinaryImmOps = [Opcode.IaddImm, Opcode.ImulImm, Opcode.BandImm, Opcode.BorImm, Opcode.BxorImm];
    private static readonly Opcode[] ShiftOps = [Opcode.Ishl, Opcode.Ushr, Opcode.Sshr, Opcode.Rotl, Opcode.Rotr];
    private static readonly Opcode[] ShiftImmOps = [Opcode.IshlImm, Opcode.UshrImm, Opcode.SshrImm];
    private static readonly Opcode[] UnaryOps = [Opcode.Bnot, Opcode.Ineg];
    private static readonly Opcode[] DivisionOps = [Opcode.Udiv, Opcode.Urem, Opcode.Sdiv, Opcode.Srem];

    /// <summary>One data-flow instruction; tries a few kinds and falls back to a constant when none is allowed.</summary>
    private void StraightLine()
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var type = RandomType();
            int roll = _rng.Next(100);
            IReadOnlyList<Opcode> ops;
            switch (roll)
            {
                case < 30 when (ops = AllowedOf(BinaryOps)).Count > 0:
                    Define(Ins.Binary(Choose(ops), Pick(type), Pick(type)));
                    return;
                case >= 30 and < 42 when (ops = AllowedOf(BinaryImmOps)).Count > 0:
                    Define(Ins.BinaryImm(Choose(ops), Pick(type), SignedImm(type)));
                    return;
                case >= 42 and < 52 when (ops = AllowedOf(ShiftOps)).Count > 0:
                {
                    var value = Pick(type);
                    // Constant amounts of any width are how front ends usually shift; they also vary the amount's type.
                    var amountType = RandomType();
                    var amount = _rng.Next(2) == 0 ? Const(amountType, _rng.Next(type.Bits)) : Pick(amountType);
                    Define(Ins.Binary(Choose(ops), value, amount));
                    return;
                }
                case >= 52 and < 58 when (ops = AllowedOf(ShiftImmOps)).Count > 0:
                    Define(Ins.BinaryImm(Choose(ops), Pick(type), _rng.Next(type.Bits)));
                    return;
                case >= 58 and < 63 when (ops = AllowedOf(UnaryOps)).Count > 0:
                    Define(Ins.Unary(Choose(ops), Pick(type)));
                    return;
                case >= 63 and < 70 when _options.Allows(Opcode.Icmp):
                    Define(Ins.Icmp((IntCC)_rng.Next(10), Pick(type), Pick(type)));
                    return;
                case >= 70 and < 75 when _options.Allows(Opcode.IcmpImm):
                    Define(Ins.IcmpImm((IntCC)_rng.Next(10), Pick(type), SignedImm(type)));
                    return;
                case >= 75 and < 83 when _options.Allows(Opcode.Select):
                {
                    var cond = Pick(RandomType());
                    Define(Ins.Select(cond, Pick(type), Pick(type)));
                    return;
                }
                case >= 83 and < 91:
                {
                    var from = RandomType();
                    if (from == type) continue;
                    Define(Convert(Pick(from), type));
                    return;
                }
                case >= 91:
                    Define(Const(type, SignedImm(type)));
                    return;
            }
        }
        Define(Const(RandomType(), _rng.Next(100)));
    }

    /// <summary>Division whose divisor is made non-zero first (and, for signed division, positive, so
    /// <c>MIN / -1</c> cannot overflow); false when the needed opcodes are not allowed.</summary>
    private bool Division()
    {
        var ops = AllowedOf(DivisionOps);
        if (ops.Count == 0) return false;
        var op = Choose(ops);
        var type = RandomType();
        bool signed = op is Opcode.Sdiv or Opcode.Srem;
        Value divisor;
        if (signed)
        {
            if (!_options.AllowsAll(Opcode.UshrImm, Opcode.BorImm)) return false;
            divisor = Ins.BinaryImm(Opcode.BorImm, Ins.BinaryImm(Opcode.UshrImm, Pick(type), 1), 1);
        }
        else if (_options.AllowsAll(Opcode.IcmpImm, Opcode.Select) && _rng.Next(2) == 0)
        {
            var d = Pick(type);
            var isZero = Ins.IcmpImm(IntCC.Equal, d, 0);
            divisor = Ins.Select(isZero, Const(type, 1), d);
        }
        else if (_options.Allows(Opcode.BorImm)) divisor = Ins.BinaryImm(Opcode.BorImm, Pick(type), 1);
        else return false;
        var dividend = Pick(type);
        Define(Ins.Binary(op, dividend, divisor));
        return true;
    }

    /// <summary>In-bounds, naturally aligned stack access: direct <c>stack_load</c>/<c>stack_store</c> or through <c>stack_addr</c>.</summary>
    private bool StackOp()
    {
        var (slot, size) = Choose(_slots);
        var type = RandomType();
        int offset = _rng.Next(size / type.Bytes) * type.Bytes;
        int roll = _rng.Next(10);
        if (roll < 2 && _options.AllowsAll(Opcode.StackAddr, Opcode.Load, Opcode.Store))
        {
            var addr = Ins.StackAddr(IrType.I64, slot, 0);
            if (_rng.Next(2) == 0) Define(Ins.Load(type, MemFlags.Trusted, addr, offset));
            else Ins.Store(MemFlags.Trusted, Pick(type), addr, offset);
            return true;
        }
        if (roll < 6) Ins.StackStore(Pick(type), slot, offset);
        else Define(Ins.StackLoad(type, slot, offset));
        return true;
    }

    /// <summary>Explicit slots of 8–32 bytes, fully written at entry so every later load reads defined bytes.</summary>
    private void CreateStackSlots()
    {
        if (!_options.AllowsAll(Opcode.StackLoad, Opcode.StackStore)) return;
        int n = _rng.Next(_options.MaxStackSlots + 1);
        for (int i = 0; i < n; i++)
        {
            int size = 8 * _rng.Next(1, 5);
            var slot = _func.CreateSizedStackSlot(new StackSlotData(StackSlotKind.ExplicitSlot, (uint)size, 3));
            for (int offset = 0; offset < size; offset += 8)
                Ins.StackStore(Const(IrType.I64, SignedImm(IrType.I64)), slot, offset);
            _slots.Add((slot, size));
        }
    }
}
