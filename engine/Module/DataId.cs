namespace Stencil.Engine.Module;

/// <summary>A data object declared in one <see cref="IModule"/>; ids are dense, in declaration order.</summary>
public readonly record struct DataId(uint Index)
{
    public override string ToString() => "dataid" + Index;
}
