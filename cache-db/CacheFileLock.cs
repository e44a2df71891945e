namespace Stencil.CacheDb;

/// <summary>
/// Keeps two processes from writing one cache at once. LiteDB's Direct mode opens its files with sharing that
/// Unix does not enforce between processes, so a separate lock file held without sharing (an exclusive
/// <c>flock</c> on Unix, a share-none handle on Windows) does it. Readers take a shared lock so they never see a
/// file in the middle of a commit. The lock file is left in place: deleting it would race with a process that
/// has just opened it.
/// </summary>
internal sealed class CacheFileLock : IDisposable
{
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMilliseconds(50);
    private FileStream? _stream;

    private CacheFileLock(FileStream? stream) => _stream = stream;

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="timeout"/>; null with <paramref name="reason"/> when it cannot be
    /// had, and <paramref name="busy"/> when that is because another process still held it when the time ran out.
    /// </summary>
    public static CacheFileLock? TryAcquire(string lockPath, bool shared, TimeSpan timeout, out string? reason, out bool busy)
    {
        reason = null;
        busy = false;
        if (shared && !File.Exists(lockPath))
        {
            // No writer has ever opened this cache through us; a reader must not create files.
            return new CacheFileLock(null);
        }

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var stream = shared
                    ? new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)
                    : new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new CacheFileLock(stream);
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    reason = $"it is in use by another process, which did not release it within {(long)timeout.TotalMilliseconds} ms";
                    busy = true;
                    return null;
                }
                Thread.Sleep(s_retryInterval);
            }
            catch (FileNotFoundException) when (shared)
            {
                return new CacheFileLock(null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reason = $"its lock file cannot be opened ({e.Message})";
                return null;
            }
        }
    }

    /// <summary>
    /// A sharing violation: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows; on Unix .NET reports the
    /// errno of the failed non-blocking <c>flock</c>, EWOULDBLOCK (11 on Linux, 35 on macOS and BSD).
    /// </summary>
    private static bool IsHeldElsewhere(IOException e)
    {
        var code = e.HResult & 0xFFFF;
        return OperatingSystem.IsWindows() ? code is 32 or 33 : code == (OperatingSystem.IsLinux() ? 11 : 35);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
