using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>Where a value comes from: result <see cref="Num"/> of an instruction, parameter <see cref="Num"/>
/// of a block, an alias of another value, or not yet attached (while a reader fills in forward references).</summary>
public readonly record struct ValueDef(ValueDefKind Kind, uint Owner, int Num)
{
    public Inst Inst => Kind == ValueDefKind.Result ? new Inst(Owner) : throw new InvalidOperationException($"value is a {Kind}, not a result");
    public Block Block => Kind == ValueDefKind.Param ? new Block(Owner) : throw new InvalidOperationException($"value is a {Kind}, not a block parameter");
    public Value AliasOf => Kind == ValueDefKind.Alias ? new Value(Owner) : throw new InvalidOperationException($"value is a {Kind}, not an alias");
}
