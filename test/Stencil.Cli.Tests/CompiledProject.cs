namespace Stencil.Cli.Tests;

/// <summary>A temp directory holding <see cref="ClifSamples.Valid"/>, compiled once with a cache.</summary>
public sealed class CompiledProject : IDisposable
{
    private readonly TempDirectory _dir = new();

    public CompiledProject()
    {
        Source = _dir.Write("kernels.clif", ClifSamples.Valid);
        Cache = _dir.File("cache.db");
        Object = _dir.File("kernels.o");
        CliRun.Of("compile", Source, "--cache", Cache).Expect(CliExitCodes.Success);
    }

    public string Source { get; }
    public string Cache { get; }
    public string Object { get; }

    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}
