using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>A branch destination: a block and the values passed to its parameters.</summary>
public readonly record struct BlockCall(Block Block, Value[] Args)
{
    public static BlockCall To(Block block, params Value[] args) => new(block, args);
}
