namespace Stencil.Engine.FileTests;

/// <summary>How a directive was executed: compiled for the host (<c>test run</c>) or interpreted (<c>test interpret</c>).</summary>
public enum FileTestMode
{
    Native,
    Interpret,
}
