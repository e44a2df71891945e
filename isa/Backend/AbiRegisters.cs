namespace Stencil.Isa.Backend;

/// <summary>The registers a calling convention passes arguments and returns values in, per class, in order.</summary>
public sealed record AbiRegisters(IReadOnlyList<Reg> IntArgs, IReadOnlyList<Reg> FloatArgs, IReadOnlyList<Reg> IntRets, IReadOnlyList<Reg> FloatRets);
