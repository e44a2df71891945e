namespace Stencil.Ir;

public enum FloatCC : byte
{
    Ordered, Unordered, Equal, NotEqual, OrderedNotEqual, UnorderedOrEqual, LessThan, LessThanOrEqual,
    GreaterThan, GreaterThanOrEqual, UnorderedOrLessThan, UnorderedOrLessThanOrEqual, UnorderedOrGreaterThan,
    UnorderedOrGreaterThanOrEqual,
}
