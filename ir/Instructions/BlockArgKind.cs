namespace Stencil.Ir;

/// <summary>What a branch argument of an exception-table destination refers to.</summary>
public enum BlockArgKind : byte
{
    /// <summary>An ordinary SSA value <c>vN</c>.</summary>
    Value,
    /// <summary><c>retN</c>: the callee's N-th return value (normal-return destination only).</summary>
    TryCallRet,
    /// <summary><c>exnN</c>: the N-th exception payload register (handler destinations only).</summary>
    TryCallExn,
}
