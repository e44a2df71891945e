using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Stencil.Engine.Building;

/// <summary>
/// Writes an output file so that readers never see a half-written one: a temporary file in the same
/// directory, flushed to disk, then an atomic rename over the target.
/// </summary>
/// <remarks>
/// A build that changed nothing produces the very bytes already at the target. Replacing them would cost a
/// new file, a flush to disk and a rename (on ext4 the rename over an existing file also forces the new
/// data out), all for the same content, and it is most of what writing costs. So when the target already
/// holds exactly these bytes it is kept, and only its modification time moves to now: MSBuild's up-to-date
/// check and anything downstream see a fresh output, exactly as after a rewrite.
/// </remarks>
public static class ObjectFileWriter
{
    /// <summary>How much of the existing file is read at a time when comparing.</summary>
    private const int CompareChunk = 1 << 18;

    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        if (TryKeepIdentical(full, bytes)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Whether <paramref name="path"/> already holds exactly <paramref name="bytes"/>; if so, its
    /// modification time is set to now. Anything in the way (no file, no permission to read it or to set
    /// its time) answers false, and the file is written as usual.</summary>
    private static bool TryKeepIdentical(string path, ReadOnlySpan<byte> bytes)
    {
        try
        {
            // The time is set through the handle that was compared, so it lands on the file that was read even
            // if another build renames a new object over the path meanwhile.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (RandomAccess.GetLength(handle) != bytes.Length || !HasContent(handle, bytes)) return false;
            File.SetLastWriteTimeUtc(handle, DateTime.UtcNow);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool HasContent(SafeFileHandle handle, ReadOnlySpan<byte> expected)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(CompareChunk, Math.Max(expected.Length, 1)));
        try
        {
            long offset = 0;
            while (offset < expected.Length)
            {
                var want = expected.Slice((int)offset, Math.Min(buffer.Length, expected.Length - (int)offset));
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, want.Length), offset);
                if (read <= 0 || !buffer.AsSpan(0, read).SequenceEqual(want[..read])) return false;
                offset += read;
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
