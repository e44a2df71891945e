namespace Stencil.Isa.X64;

/// <summary>Scalar float operations on xmm registers (And/Xor are the bitwise sign-mask forms).</summary>
internal enum FAluOp : byte { Add, Sub, Mul, Div, Sqrt, And, Or, Xor }
