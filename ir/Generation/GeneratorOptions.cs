namespace Stencil.Ir.Generation;

/// <summary>
/// What <see cref="RandomFunctionGenerator"/> may emit. Every construct needs its opcodes in
/// <see cref="AllowedOpcodes"/>, so a consumer (say, an interpreter test) restricts the output to what it
/// supports by listing opcodes; null allows everything the generator knows.
/// </summary>
public sealed record GeneratorOptions
{
    public static GeneratorOptions Default { get; } = new();

    /// <summary>Opcodes the generator may use; null for all of <see cref="RandomFunctionGenerator.KnownOpcodes"/>.</summary>
    public IReadOnlySet<Opcode>? AllowedOpcodes { get; init; }

    /// <summary>Integer types of ordinary values (I8–I64).</summary>
    public IReadOnlyList<IrType> Types { get; init; } = [IrType.I8, IrType.I16, IrType.I32, IrType.I64];

    public int MaxParams { get; init; } = 4;
    /// <summary>How deeply loops, diamonds and branch tables nest inside each other.</summary>
    public int MaxNesting { get; init; } = 3;
    public int MaxLoopDepth { get; init; } = 2;
    /// <summary>Upper bound of every loop's trip count, which keeps each function's run time bounded.</summary>
    public int MaxLoopTrips { get; init; } = 8;
    /// <summary>Longest chain of calls between generated functions; the call graph is acyclic and layered.</summary>
    public int MaxCallDepth { get; init; } = 3;
    public int MaxCallsPerFunction { get; init; } = 3;
    public int MaxStackSlots { get; init; } = 3;
    /// <summary>Symbol prefix of generated functions: <c>%{prefix}{index:D4}</c>.</summary>
    public string NamePrefix { get; init; } = "gen_f";

    public bool Allows(Opcode op) => AllowedOpcodes?.Contains(op) ?? RandomFunctionGenerator.KnownOpcodes.Contains(op);

    public bool AllowsAll(params ReadOnlySpan<Opcode> ops)
    {
        foreach (var op in ops) if (!Allows(op)) return false;
        return true;
    }
}
