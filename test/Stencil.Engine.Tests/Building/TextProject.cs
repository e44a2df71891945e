using Stencil.Engine.Building;
using Stencil.Engine.Caching;
using Stencil.Engine.Tests.Object;

namespace Stencil.Engine.Tests.Building;

/// <summary>A project of <c>part{i}.clif</c> files in a temporary directory, built with <see cref="ProjectBuilder"/>.</summary>
/// <param name="defaultSettle">How long sources must have been left alone for their stat to be remembered; null for the builds' default.</param>
internal sealed class TextProject(TempDirectory dir, string name, int files, TimeSpan? defaultSettle = null)
{
    public string[] Paths { get; } = [.. Enumerable.Range(0, files).Select(i => dir.File($"part{i}.clif"))];
    public string Object => dir.File("out.o");
    public byte[] ObjectBytes => File.ReadAllBytes(Object);

    public void Write(string[] texts)
    {
        for (int i = 0; i < texts.Length; i++) File.WriteAllText(Paths[i], texts[i]);
    }

    /// <summary>A build that must succeed.</summary>
    public ProjectBuildResult Build(ICacheStore? cache, bool verify = false, TimeSpan? settle = null)
    {
        var request = new ProjectBuildRequest(name, Paths, Object) { Cache = cache, VerifyCacheHits = verify };
        if ((settle ?? defaultSettle) is { } margin) request = request with { SourceSettleMargin = margin };
        var r = ProjectBuilder.Build(request);
        Assert.IsTrue(r.Succeeded, string.Join("\n", r.Diagnostics));
        return r;
    }
}
