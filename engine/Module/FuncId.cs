namespace Stencil.Engine.Module;

/// <summary>A function declared in one <see cref="IModule"/>; ids are dense, in declaration order.</summary>
public readonly record struct FuncId(uint Index)
{
    public override string ToString() => "funcid" + Index;
}
