namespace Stencil.Isa.Backend;

/// <summary>Lowering's result: the code and the stack areas its calls need in the frame.</summary>
public sealed record LoweredFunction<TInst>(VCode<TInst> Code, int OutgoingArgBytes, int ReturnAreaBytes) where TInst : IMachInst;
