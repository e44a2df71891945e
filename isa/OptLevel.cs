namespace Stencil.Isa;

public enum OptLevel : byte { None, Speed, SpeedAndSize }
