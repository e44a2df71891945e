namespace Stencil.Engine.Module;

public enum ModuleRelocTargetKind : byte
{
    Function,
    Data,
    LibCall,
    KnownSymbol,
}
