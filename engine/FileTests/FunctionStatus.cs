namespace Stencil.Engine.FileTests;

/// <summary>Why a function of a file cannot be executed: unsupported by the backend or interpreter, or broken.</summary>
internal sealed record FunctionStatus(DirectiveOutcome Outcome, string Message)
{
    public static FunctionStatus Unsupported(string message) => new(DirectiveOutcome.Unsupported, message);
    public static FunctionStatus Failed(string message) => new(DirectiveOutcome.Failed, message);
}
