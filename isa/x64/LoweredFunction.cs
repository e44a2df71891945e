using Stencil.Isa.Backend;

namespace Stencil.Isa.X64;

/// <summary>Lowering's result: the code and the stack areas its calls need in the frame.</summary>
internal sealed record LoweredFunction(VCode<MInst> Code, int OutgoingArgBytes, int ReturnAreaBytes);
