namespace Stencil.Engine.FileTests;

/// <summary>How a directive was executed: compiled for the host (<c>test run</c>) or interpreted (<c>test interpret</c>);
/// or, for output tests, which output a function's expected text is checked against: the function after the
/// mid-end (<c>test optimize</c>) or its disassembly (<c>test compile</c>).</summary>
public enum FileTestMode
{
    Native,
    Interpret,
    Optimize,
    Compile,
}
