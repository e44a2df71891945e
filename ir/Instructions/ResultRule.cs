namespace Stencil.Ir;

/// <summary>How an opcode's result types follow from its controlling type.</summary>
public enum ResultRule : byte
{
    /// <summary>No results.</summary>
    Empty,
    /// <summary>One result of the controlling type.</summary>
    Ctrl,
    /// <summary>One result: i8 for a scalar controlling type, the same-width integer lanes for a vector (comparisons).</summary>
    Bool,
    /// <summary>One i8 result.</summary>
    I8,
    /// <summary>Two results: the controlling type and an i8 flag (overflow/carry forms).</summary>
    CtrlAndI8,
    /// <summary>Two results of half the controlling width (isplit).</summary>
    Split,
    /// <summary>One result of double the controlling width (iconcat).</summary>
    Concat,
    /// <summary>The lane type of the controlling vector type (extractlane).</summary>
    Lane,
    /// <summary>Lanes twice as wide, half as many.</summary>
    Widen,
    /// <summary>Lanes half as wide, twice as many.</summary>
    Narrow,
    /// <summary>The returns of the call's signature.</summary>
    Call,
    /// <summary>One result of the row's fixed type (f32const and friends).</summary>
    Fixed,
}
