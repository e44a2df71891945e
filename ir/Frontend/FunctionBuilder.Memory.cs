using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Ir.Frontend;

/// <summary>Memory-comparison helpers built on the libcall <see cref="LibCall.Memcmp"/>.</summary>
public sealed partial class FunctionBuilder
{
    /// <summary>Calls <c>memcmp(left, right, size)</c> (pointers and size as i64), importing the libcall
    /// on first use; the result is an i32 whose sign orders the two byte strings.</summary>
    public Value CallMemcmp(Value left, Value right, Value size)
    {
        _memcmp ??= ImportMemcmp();
        var call = Ins().Call(_memcmp.Value, left, right, size);
        return Func.Dfg.FirstResult(call);
    }

    private FuncRef ImportMemcmp()
    {
        var sig = new Signature(CallConv.SystemV);
        sig.Params.Add(new AbiParam(IrType.I64));
        sig.Params.Add(new AbiParam(IrType.I64));
        sig.Params.Add(new AbiParam(IrType.I64));
        sig.Returns.Add(new AbiParam(IrType.I32));
        return Func.ImportFunction(new ExtFuncData(ExternalName.FromLibCall(LibCall.Memcmp), Func.ImportSignature(sig), Colocated: false));
    }

    /// <summary>
    /// Compares <paramref name="size"/> bytes at <paramref name="left"/> and <paramref name="right"/> as
    /// memcmp would and tests the outcome with the unsigned condition <paramref name="cc"/>, giving an i8
    /// 0/1. Sizes 1, 2, 4 and 8 load both sides as one integer instead of calling: big-endian for ordered
    /// conditions, because memcmp orders by the first differing byte, which big-endian makes the most
    /// significant one. Alignments are in bytes; a side aligned to at least the size is loaded as aligned.
    /// </summary>
    public Value EmitSmallMemoryCompare(IntCC cc, Value left, Value right, ulong size, int leftAlign, int rightAlign, MemFlags flags)
    {
        // memcmp's result is signed, so an unsigned condition on the bytes is a signed one against zero.
        (IntCC zeroCC, long whenEmpty) = cc switch
        {
            IntCC.Equal => (IntCC.Equal, 1L),
            IntCC.NotEqual => (IntCC.NotEqual, 0L),
            IntCC.UnsignedLessThan => (IntCC.SignedLessThan, 0L),
            IntCC.UnsignedLessThanOrEqual => (IntCC.SignedLessThanOrEqual, 1L),
            IntCC.UnsignedGreaterThan => (IntCC.SignedGreaterThan, 0L),
            IntCC.UnsignedGreaterThanOrEqual => (IntCC.SignedGreaterThanOrEqual, 1L),
            _ => throw new ArgumentException($"memory compares bytes as unsigned; condition {cc} is not supported", nameof(cc)),
        };
        if (size == 0) return Ins().Iconst(IrType.I8, whenEmpty);
        if (size is 1 or 2 or 4 or 8)
        {
            var type = IrType.IntOfBits((int)size * 8);
            var order = cc is IntCC.Equal or IntCC.NotEqual || size == 1 ? flags.Endianness : Endianness.Big;
            var l = Ins().Load(type, AlignedIf(flags, leftAlign, size).WithEndianness(order), left, 0);
            var r = Ins().Load(type, AlignedIf(flags, rightAlign, size).WithEndianness(order), right, 0);
            return Ins().Icmp(cc, l, r);
        }
        var n = Ins().Iconst(IrType.I64, (long)size);
        var result = CallMemcmp(left, right, n);
        return Ins().IcmpImm(zeroCC, result, 0);
    }

    private static MemFlags AlignedIf(MemFlags flags, int align, ulong size) =>
        align > 0 && (ulong)align >= size && flags.TrySet("aligned", out var aligned) ? aligned : flags;
}
