namespace Stencil.Isa.X64;

internal enum UnaryOp : byte { Neg, Not }
