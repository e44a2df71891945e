using Stencil.Ir.Diagnostics;
using Stencil.Ir.Entities;

namespace Stencil.Ir.Verification;

/// <summary>
/// Checks that a function is well formed before anything compiles or hashes it: layout and terminators,
/// operand counts and types against the opcode table and <see cref="OpcodeTypeRules"/>, entity
/// references, immediates, branch/return/call agreement with block parameters and signatures, and SSA
/// dominance. All problems are reported (up to <see cref="MaxDiagnostics"/>): function-level ones first,
/// then in layout order, so the output is deterministic.
/// </summary>
public static class Verifier
{
    /// <summary>Reporting stops after this many diagnostics; later ones are mostly consequences of earlier ones.</summary>
    public const int MaxDiagnostics = 50;

    /// <param name="position">Maps an instruction to its 1-based line and column in the source text, when there is one.</param>
    /// <param name="file">The source file named in diagnostics.</param>
    public static IReadOnlyList<Diagnostic> Verify(Function func, Func<Inst, (int Line, int Column)>? position = null, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        return new VerifierRun(func, position, file).Run();
    }

    /// <summary>True when the function has no problems.</summary>
    public static bool TryVerify(Function func, out IReadOnlyList<Diagnostic> diagnostics)
    {
        diagnostics = Verify(func);
        return diagnostics.Count == 0;
    }
}
