namespace Stencil.Ir.Verification;

/// <summary>What range an instruction's immediate (or constant data) must be in.</summary>
internal enum ImmediateRule : byte
{
    None,
    /// <summary>Fits the controlling type's width, read as signed or unsigned.</summary>
    FitsType,
    /// <summary>A shift or rotate amount below the lane width.</summary>
    ShiftAmount,
    /// <summary>A lane index below the lane count.</summary>
    LaneIndex,
    /// <summary>Raw IEEE bits of a 16-bit float.</summary>
    Bits16,
    /// <summary>Raw IEEE bits of a 32-bit float.</summary>
    Bits32,
    /// <summary>Constant data exactly as large as the result type (vconst, f128const).</summary>
    ConstantMatchesType,
    /// <summary>16 lane selectors, each below 32 (shuffle).</summary>
    ShuffleMask,
}
