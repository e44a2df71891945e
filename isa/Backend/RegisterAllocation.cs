namespace Stencil.Isa.Backend;

/// <summary>Which allocator an opt level uses, the same on every backend.</summary>
public static class RegisterAllocation
{
    /// <summary><c>opt_level=none</c> keeps the hull allocator (and so its exact code); optimizing levels allocate by
    /// live ranges.</summary>
    public static RegAllocResult Allocate<TInst>(VCode<TInst> code, MachineEnv env, OptLevel level) where TInst : IMachInst =>
        level == OptLevel.None ? LinearScanAllocator.Allocate(code, env) : RangeAllocator.Allocate(code, env);
}
