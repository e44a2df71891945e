namespace Stencil.Ir;

public enum AtomicRmwOp : byte { Add, Sub, And, Nand, Or, Xor, Xchg, Umin, Umax, Smin, Smax }
