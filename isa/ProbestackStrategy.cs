namespace Stencil.Isa;

public enum ProbestackStrategy : byte { Outline, Inline }
