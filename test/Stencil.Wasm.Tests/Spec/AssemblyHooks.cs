namespace Stencil.Wasm.Tests.Spec;

[TestClass]
public static class AssemblyHooks
{
    [AssemblyCleanup]
    public static void Cleanup() => SpecScripts.Cleanup();
}
