namespace Stencil.Fault.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stencil-fault-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Files set aside as damaged next to <paramref name="cachePath"/>.</summary>
    public static string[] Quarantined(string cachePath) =>
        Directory.GetFiles(System.IO.Path.GetDirectoryName(cachePath)!, System.IO.Path.GetFileName(cachePath) + ".corrupt-*");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process killed a moment ago may still be closing a file; the temp folder is cleaned by the OS.
        }
    }
}
