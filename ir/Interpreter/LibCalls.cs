using Stencil.Ir.Names;

namespace Stencil.Ir.Interpretation;

/// <summary>The runtime library functions generated code may call, evaluated over interpreter memory.</summary>
internal static class LibCalls
{
    public static DataValue[] Invoke(LibCall call, DataValue[] args, IReadOnlyList<IrType> returnTypes, AddressSpace mem)
    {
        DataValue? result = call switch
        {
            LibCall.CeilF32 or LibCall.CeilF64 => FloatOps.Ceil(Arg(args, 0)),
            LibCall.FloorF32 or LibCall.FloorF64 => FloatOps.Floor(Arg(args, 0)),
            LibCall.TruncF32 or LibCall.TruncF64 => FloatOps.Truncate(Arg(args, 0)),
            LibCall.NearestF32 or LibCall.NearestF64 => FloatOps.Nearest(Arg(args, 0)),
            LibCall.FmaF32 or LibCall.FmaF64 => FloatOps.FusedMultiplyAdd(Arg(args, 0), Arg(args, 1), Arg(args, 2)),
            LibCall.Memcpy => Copy(mem, args),
            LibCall.Memmove => Copy(mem, args),
            LibCall.Memset => Fill(mem, args),
            LibCall.Memcmp => DataValue.Int(IrType.I32, Compare(mem, args)),
            LibCall.Probestack => null,
            _ => throw new UnsupportedException($"libcall {call} is not interpreted"),
        };
        if (returnTypes.Count == 0) return [];
        if (result is not { } r || returnTypes.Count != 1) throw new UnsupportedException($"libcall {call} does not return {returnTypes.Count} values");
        return [r.Type.IsInt && returnTypes[0].IsInt ? DataValue.FromBits(returnTypes[0], (UInt128)r.AsInt128()) : r];
    }

    private static DataValue Arg(DataValue[] args, int i) =>
        i < args.Length ? args[i] : throw new UnsupportedException($"libcall needs at least {i + 1} arguments");

    private static ulong Length(DataValue v) => (ulong)v.Bits;

    /// <summary>memcpy and memmove alike: copying through a span pair handles overlap correctly.</summary>
    private static DataValue Copy(AddressSpace mem, DataValue[] args)
    {
        ulong n = Length(Arg(args, 2));
        if (n > 0)
        {
            var source = mem.Access((ulong)Arg(args, 1).Bits, n).ToArray();
            source.CopyTo(mem.Access((ulong)Arg(args, 0).Bits, n));
        }
        return args[0];
    }

    private static DataValue Fill(AddressSpace mem, DataValue[] args)
    {
        ulong n = Length(Arg(args, 2));
        if (n > 0) mem.Access((ulong)Arg(args, 0).Bits, n).Fill((byte)Arg(args, 1).Bits);
        return args[0];
    }

    private static long Compare(AddressSpace mem, DataValue[] args)
    {
        ulong n = Length(Arg(args, 2));
        if (n == 0) return 0;
        var a = mem.Access((ulong)Arg(args, 0).Bits, n);
        var b = mem.Access((ulong)Arg(args, 1).Bits, n);
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
    }
}
