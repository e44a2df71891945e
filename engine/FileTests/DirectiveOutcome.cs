namespace Stencil.Engine.FileTests;

public enum DirectiveOutcome
{
    Passed,
    Failed,
    /// <summary>The function, or one it calls, uses something the backend (STN3xxx) or the interpreter does not support.</summary>
    Unsupported,
}
