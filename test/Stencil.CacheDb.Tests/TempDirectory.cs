namespace Stencil.CacheDb.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stencil-cachedb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] Names() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            MakeWritable(new DirectoryInfo(Path));
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void MakeWritable(DirectoryInfo directory)
    {
        if (!OperatingSystem.IsWindows())
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (var child in directory.GetDirectories()) MakeWritable(child);
    }
}
