using Stencil.Ir.Entities;

namespace Stencil.Ir.Text;

/// <summary>
/// A function read from a CLIF file with the text around it: where it starts (the <c>function</c>
/// keyword) and ends (its closing brace), the <c>; run:</c> / <c>; print:</c> directives that follow it
/// (up to the next function), and every comment from its start to the next function.
/// </summary>
public sealed record ClifFunction(
    Function Function,
    ClifLocation Location,
    ClifLocation EndLocation,
    IReadOnlyList<ClifDirective> Directives,
    IReadOnlyList<ClifComment> Comments)
{
    /// <summary>Line and column where each instruction's line starts (its <c>@loc</c>, first result or opcode).</summary>
    public IReadOnlyDictionary<Inst, (int Line, int Column)> InstructionPositions { get; init; } = new Dictionary<Inst, (int Line, int Column)>();

    /// <summary>The position of <paramref name="inst"/>, or the function's own when unknown; fits the
    /// verifier's <c>position</c> callback so its diagnostics point into the file.</summary>
    public (int Line, int Column) PositionOf(Inst inst) =>
        InstructionPositions.TryGetValue(inst, out var p) ? p : (Location.Line, Location.Column);
}
