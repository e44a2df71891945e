using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>One argument of an <see cref="ExceptionBlockCall"/>: a value, or a <c>retN</c>/<c>exnN</c> placeholder
/// that the call itself defines on the edge.</summary>
public readonly record struct BlockArg(BlockArgKind Kind, uint Index)
{
    public static BlockArg Of(Value value) => new(BlockArgKind.Value, value.Index);
    public static BlockArg Ret(uint index) => new(BlockArgKind.TryCallRet, index);
    public static BlockArg Exn(uint index) => new(BlockArgKind.TryCallExn, index);

    public bool IsValue => Kind == BlockArgKind.Value;
    public Value AsValue => new(Index);

    public override string ToString() => Kind switch
    {
        BlockArgKind.TryCallRet => "ret" + Index,
        BlockArgKind.TryCallExn => "exn" + Index,
        _ => Value.Prefix + Index,
    };
}
