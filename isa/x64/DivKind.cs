namespace Stencil.Isa.X64;

/// <summary>Which of the four division instructions a <see cref="X64Op.Div"/> is.</summary>
internal enum DivKind : byte { Udiv, Sdiv, Urem, Srem }
