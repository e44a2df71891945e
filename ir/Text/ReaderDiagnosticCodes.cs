namespace Stencil.Ir.Text;

/// <summary>
/// Stable codes of the CLIF reader. Every reader diagnostic carries the file, line and column of the
/// offending token. Codes never change meaning; new ones are appended.
/// </summary>
/// <remarks>
/// | code    | meaning |
/// |---------|---------|
/// | STN1001 | unexpected character (nothing in CLIF starts with it) |
/// | STN1002 | unexpected token: the message says what was expected |
/// | STN1003 | unknown opcode |
/// | STN1004 | unknown or unsupported type (including `i32x4xN` spellings of dynamic vector types, and malformed `dtN` declarations) |
/// | STN1005 | reference to an undefined value, block or entity (ss, gv, dt, sig, fn, jt, const) |
/// | STN1006 | duplicate definition of a value, block or entity |
/// | STN1007 | bad immediate: malformed number, integer out of range, bad float literal, entity number too large |
/// | STN1008 | unexpected end of file: a function or a list is not closed |
/// | STN1009 | bad header line (`test`, `set`, `target`) |
/// | STN1010 | the number of result values written differs from the number the instruction defines |
/// | STN1011 | the result types cannot be derived: a polymorphic opcode needs an explicit `.type` |
/// | STN1012 | unknown name: condition code, trap code, calling convention, atomic operation, memory flag, parameter attribute |
/// | STN1013 | syntax that Stencil reads but does not support (dynamic stack slots, memory types, exception-table `context`, `stack_limit` parameters) |
/// </remarks>
public static class ReaderDiagnosticCodes
{
    public const string UnexpectedCharacter = "STN1001";
    public const string UnexpectedToken = "STN1002";
    public const string UnknownOpcode = "STN1003";
    public const string UnknownType = "STN1004";
    public const string UndefinedReference = "STN1005";
    public const string DuplicateDefinition = "STN1006";
    public const string BadImmediate = "STN1007";
    public const string UnexpectedEndOfFile = "STN1008";
    public const string BadHeader = "STN1009";
    public const string ResultCountMismatch = "STN1010";
    public const string CannotInferType = "STN1011";
    public const string UnknownName = "STN1012";
    public const string Unsupported = "STN1013";

    /// <summary>Every code with a one-line description, in code order (for documentation and tooling).</summary>
    public static IReadOnlyList<(string Code, string Meaning)> All { get; } =
    [
        (UnexpectedCharacter, "unexpected character"),
        (UnexpectedToken, "unexpected token"),
        (UnknownOpcode, "unknown opcode"),
        (UnknownType, "unknown or unsupported type"),
        (UndefinedReference, "undefined value, block or entity"),
        (DuplicateDefinition, "duplicate definition"),
        (BadImmediate, "bad immediate or integer out of range"),
        (UnexpectedEndOfFile, "unexpected end of file"),
        (BadHeader, "bad test/set/target header line"),
        (ResultCountMismatch, "wrong number of result values"),
        (CannotInferType, "result types cannot be derived; write an explicit type"),
        (UnknownName, "unknown condition code, trap code, calling convention or flag"),
        (Unsupported, "syntax not supported by Stencil"),
    ];
}
