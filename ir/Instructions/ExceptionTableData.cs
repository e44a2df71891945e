using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>Where a <c>try_call</c> goes: <see cref="NormalReturn"/> when the callee returns, else the first
/// matching <see cref="Entries"/> handler. <see cref="Signature"/> is the callee's signature, which gives
/// the types of the <c>retN</c> placeholders.</summary>
public sealed record ExceptionTableData(SigRef Signature, ExceptionBlockCall NormalReturn, ExceptionTableEntry[] Entries)
{
    /// <summary>Every destination, the normal return first, then the handlers in table order.</summary>
    public IEnumerable<ExceptionBlockCall> AllDestinations()
    {
        yield return NormalReturn;
        foreach (var e in Entries) yield return e.Target;
    }
}
