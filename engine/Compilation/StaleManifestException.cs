namespace Stencil.Engine.Compilation;

/// <summary>
/// A function taken on a build manifest's word turned out, when its IR was needed after all, not to be what the
/// manifest remembered: its file changed under an unchanged stat, or its text no longer reads. Thrown by the loaders of
/// remembered functions (see <see cref="ModuleFunction"/>) and caught by <see cref="ParallelModuleCompiler"/> alone,
/// which turns it into <see cref="ModuleCompileResult.StaleManifest"/>; the build then reads every source again. It is
/// never a diagnostic: nothing is wrong with the sources.
/// </summary>
public sealed class StaleManifestException(string reason, string? file, int line = 0, int column = 0) : Exception(reason)
{
    public string? File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>Where and why, for the warning that says every source was read again.</summary>
    public string Describe() => File is null ? Message : Line > 0 ? $"{File}({Line},{Column}): {Message}" : $"{File}: {Message}";
}
