namespace Stencil.CacheDb;

/// <summary>The files that make up one cache: LiteDB's data file and journal, and our cross-process lock.</summary>
internal sealed record CacheFiles(string Data, string Journal, string Lock)
{
    public static CacheFiles For(string fullPath)
    {
        // LiteDB names its write-ahead log "<name>-log<ext>" beside the data file.
        var directory = Path.GetDirectoryName(fullPath) ?? "";
        var journal = Path.Combine(directory,
            Path.GetFileNameWithoutExtension(fullPath) + "-log" + Path.GetExtension(fullPath));
        return new CacheFiles(fullPath, journal, fullPath + ".lock");
    }

    public string Directory => Path.GetDirectoryName(Data) ?? "";

    public static long LengthOf(string path)
    {
        try { return File.Exists(path) ? new FileInfo(path).Length : 0; }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }
}
