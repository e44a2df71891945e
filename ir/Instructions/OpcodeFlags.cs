namespace Stencil.Ir;

[Flags]
public enum OpcodeFlags : ushort
{
    None = 0,
    IsTerminator = 1,
    IsBranch = 2,
    IsReturn = 4,
    IsCall = 8,
    CanTrap = 16,
    CanLoad = 32,
    CanStore = 64,
    OtherSideEffects = 128,
}
