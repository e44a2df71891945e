namespace Stencil.Engine.Building;

/// <summary>
/// A source the build did not read (its stat matched the manifest) turned out, when its text was needed, not to hold
/// the bytes the manifest remembers. The build then starts over, reading every source.
/// </summary>
public sealed class SourceChangedException(string path, string reason) : IOException($"'{path}': {reason}")
{
    public string Path { get; } = path;
}
