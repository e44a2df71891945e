namespace Stencil.Benchmarks.Wasm;

internal static class Sizes
{
    /// <summary>"4 MiB", "13,978,850 B".</summary>
    public static string Format(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes:N0} B";
}
