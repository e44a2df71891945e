namespace Stencil.Ir;

public enum IntCC : byte
{
    Equal, NotEqual, SignedLessThan, SignedGreaterThanOrEqual, SignedGreaterThan, SignedLessThanOrEqual,
    UnsignedLessThan, UnsignedGreaterThanOrEqual, UnsignedGreaterThan, UnsignedLessThanOrEqual,
}
