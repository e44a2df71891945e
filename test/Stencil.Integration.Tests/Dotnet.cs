namespace Stencil.Integration.Tests;

/// <summary>Runs the dotnet CLI the tests are running under, with an environment free of the outer build's settings.</summary>
internal static class Dotnet
{
    private static readonly string Host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    public static ProcessResult Run(string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var merged = new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            merged[name] = value;
        return ProcessRunner.Run(Host, arguments, workingDirectory, WithoutOuterBuildVariables(merged), timeout);
    }

    // `dotnet test` exports MSBuild variables (SDK paths, node settings) to the test host; a nested build
    // must resolve its SDK and nodes on its own, like a user's build would.
    private static Dictionary<string, string?> WithoutOuterBuildVariables(Dictionary<string, string> wanted)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase))
                result[name] = null;
        }
        foreach (var (name, value) in wanted)
            result[name] = value;
        return result;
    }
}
