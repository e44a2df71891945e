namespace Stencil.Integration.Tests;

/// <summary>Packs Stencil.Build once for the whole run; every test builds against that one package.</summary>
[TestClass]
public static class IntegrationRun
{
    private static PackageFeed? s_feed;

    internal static PackageFeed Feed => s_feed ?? throw new InvalidOperationException("The package feed was not created.");

    [AssemblyInitialize]
    public static void Initialize(TestContext context) => s_feed = PackageFeed.Create();

    [AssemblyCleanup]
    public static void Cleanup() => s_feed?.Delete();
}
