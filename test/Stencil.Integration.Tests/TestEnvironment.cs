using System.Reflection;

namespace Stencil.Integration.Tests;

/// <summary>Facts about the build that produced this test assembly, recorded in it as assembly metadata.</summary>
internal static class TestEnvironment
{
    public static string RepositoryRoot { get; } = Metadata("StencilRepositoryRoot")
        ?? throw new InvalidOperationException("The test assembly does not record the repository root.");

    public static string Configuration { get; } = Metadata("StencilConfiguration") ?? "Debug";

    /// <summary>The --artifacts-path the repository was built with, or null for the in-tree bin/obj layout.</summary>
    public static string? ArtifactsPath { get; } = Metadata("StencilArtifactsPath") is { Length: > 0 } path ? path : null;

    public static string SampleDirectory => Path.Combine(RepositoryRoot, "samples", "Checksums");

    public static string WasmSampleDirectory => Path.Combine(RepositoryRoot, "samples", "WasmKernels");

    /// <summary>Projects that exist only for the tests (test/Stencil.Integration.Tests/Projects/NAME).</summary>
    public static string TestProject(string name) => Path.Combine(RepositoryRoot, "test", "Stencil.Integration.Tests", "Projects", name);

    private static string? Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
