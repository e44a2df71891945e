namespace Stencil.Isa.Backend;

/// <summary>Which allocator an opt level uses, the same on every backend.</summary>
public static class RegisterAllocation
{
    /// <summary><c>opt_level=none</c> keeps the hull allocator (and so its exact code); optimizing levels allocate by
    /// live ranges, splitting what they spill when the backend passes <paramref name="move"/> and
    /// <paramref name="withOperand"/> (see <see cref="RangeAllocator.Allocate{TInst}"/>; the code may change).</summary>
    public static RegAllocResult Allocate<TInst>(VCode<TInst> code, MachineEnv env, OptLevel level, Func<Reg, Reg, TInst>? move = null,
        Func<TInst, int, Reg, TInst>? withOperand = null) where TInst : IMachInst =>
        level == OptLevel.None ? LinearScanAllocator.Allocate(code, env) : RangeAllocator.Allocate(code, env, move, withOperand);
}
