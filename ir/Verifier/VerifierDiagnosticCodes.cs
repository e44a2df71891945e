namespace Stencil.Ir.Verification;

/// <summary>
/// The stable STN2xxx codes the verifier reports. Codes never change meaning once shipped; tools and
/// tests match on them, so a new kind of problem gets a new code.
/// </summary>
public static class VerifierDiagnosticCodes
{
    /// <summary>The function has no blocks, so no entry block.</summary>
    public const string NoEntryBlock = "STN2001";
    /// <summary>A block is empty, does not end in a terminator, or has a terminator before its end.</summary>
    public const string BadTerminator = "STN2002";
    /// <summary>An operand's type differs from what the opcode and controlling type require.</summary>
    public const string OperandTypeMismatch = "STN2003";
    /// <summary>An instruction has the wrong number of value operands or branch destinations for its format.</summary>
    public const string OperandCount = "STN2004";
    /// <summary>Result count or types differ from the opcode's rule, or they cannot be derived (no controlling type).</summary>
    public const string ResultTypeMismatch = "STN2005";
    /// <summary>An operand is a value that does not exist, is detached, or is an alias that does not resolve.</summary>
    public const string UndefinedValue = "STN2006";
    /// <summary>A value's definition does not dominate its use.</summary>
    public const string NotDominated = "STN2007";
    /// <summary>Branch arguments do not match the destination block's parameters in count or type.</summary>
    public const string BranchArguments = "STN2008";
    /// <summary>The entry block's parameters do not match the function signature's parameters.</summary>
    public const string EntryBlockParams = "STN2009";
    /// <summary>A return's values do not match the function signature's returns.</summary>
    public const string ReturnValues = "STN2010";
    /// <summary>A call's arguments or results do not match the callee's signature.</summary>
    public const string CallSignature = "STN2011";
    /// <summary>A reference to an entity (opcode, instruction, block, function, signature, stack slot, global value,
    /// jump table, constant) that does not exist.</summary>
    public const string InvalidEntity = "STN2012";
    /// <summary>An immediate (or constant data) is out of range for its type: constants, shift amounts, lane indices.</summary>
    public const string ImmediateOutOfRange = "STN2013";
    /// <summary>The controlling type is not allowed for the opcode, or conversion operand/result sizes are inconsistent.</summary>
    public const string TypeNotAllowed = "STN2014";
    /// <summary>An instruction or block is in the layout twice, or something used is not in the layout.</summary>
    public const string LayoutMembership = "STN2015";
}
