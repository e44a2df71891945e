namespace Stencil.Integration.Tests;

/// <summary>
/// A tool a test needs: absent, the test is skipped (Inconclusive), except under CI=true, where it fails.
/// (A minimal local check; the shared one in test/Stencil.Testing can replace it.)
/// </summary>
internal static class Prerequisite
{
    public static string Tool(string name, string installedBy)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/usr/bin")
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        if (path is not null) return path;
        var message = $"{name} is not installed ({installedBy} installs it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message + " Under CI=true a missing prerequisite fails the test.");
        Assert.Inconclusive(message);
        return "";
    }
}
