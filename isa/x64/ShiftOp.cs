namespace Stencil.Isa.X64;

internal enum ShiftOp : byte { Shl, Shr, Sar, Rol, Ror }
