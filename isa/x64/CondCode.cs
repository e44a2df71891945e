namespace Stencil.Isa.X64;

/// <summary>x86 condition codes in their encoding order, so that inverting is flipping bit 0.</summary>
internal enum CondCode : byte
{
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G,
}
