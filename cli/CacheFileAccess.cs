using Stencil.Engine.Building;
using Stencil.CacheDb;
using Stencil.Cli.Output;

namespace Stencil.Cli;

/// <summary>
/// Opens an existing cache file for a <c>stencil cache …</c> command. Unlike a build, an inspection never creates a
/// cache: a missing or unopenable file is an environment failure (exit 3), reported with the reasons the database gave.
/// </summary>
public static class CacheFileAccess
{
    public static CacheDatabase OpenExisting(string path, CliConsole console, bool readOnly)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw CliException.FileNotFound(path, CliExitCodes.EnvironmentError);

        var warnings = new List<string>();
        var database = CacheDatabase.TryOpen(full, warnings.Add, new CacheOpenOptions { ReadOnly = readOnly });
        if (database is null)
        {
            var reason = warnings.Count == 0 ? "the database refused it" : string.Join(" ", warnings);
            throw CliException.Environment(BuildDiagnosticCodes.CacheUnavailable, $"cannot open cache '{path}': {reason}");
        }
        foreach (var warning in warnings) ConsoleDiagnostics.Warning(console.Error, BuildDiagnosticCodes.CacheWarning, warning);
        return database;
    }
}
