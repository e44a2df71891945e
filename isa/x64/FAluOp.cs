namespace Stencil.Isa.X64;

/// <summary>Scalar float operations on xmm registers (And, Or, Xor and AndNot are the bitwise forms over the whole register;
/// AndNot is <c>andnps</c>: dst = ~dst &amp; src).</summary>
internal enum FAluOp : byte { Add, Sub, Mul, Div, Sqrt, And, Or, Xor, AndNot }
