namespace Stencil.Ir;

public enum Endianness : byte { Native, Little, Big }
