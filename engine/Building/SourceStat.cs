using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Stencil.Engine.Building;

/// <summary>
/// What the file system says about a file's current contents without reading them: size, modification and status
/// change times (nanoseconds), inode and device. Git's index trusts exactly this to skip rehashing unchanged files.
/// The status change time is what makes it safe: every write, and every tool that puts an old modification time back
/// (<c>touch -r</c>, <c>cp -p</c>, an unpacked archive), moves it to now, and nothing but the kernel can set it.
/// </summary>
public readonly partial record struct SourceStat(long Size, long ModifiedNs, long ChangedNs, ulong Inode, ulong Device)
{
    private const int AtFdCwd = -100;
    // STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE: the fields compared, all of which must be filled.
    private const uint NeededFields = 0x40 | 0x80 | 0x100 | 0x200;
    private const int StatxSize = 256;

    /// <summary>
    /// The file's stat, or false where it cannot be had (not Linux, no <c>statx</c>, no such file): the caller then reads
    /// and hashes the file, which is always correct.
    /// </summary>
    public static bool TryGet(string path, out SourceStat stat)
    {
        stat = default;
        if (!OperatingSystem.IsLinux()) return false;
        Span<byte> buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, NeededFields, ref MemoryMarshal.GetReference(buffer)) != 0) return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        // struct statx has one layout on every Linux architecture.
        if ((BinaryPrimitives.ReadUInt32LittleEndian(buffer) & NeededFields) != NeededFields) return false;
        stat = new SourceStat(
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            ModifiedNs: Nanoseconds(buffer[112..]),
            ChangedNs: Nanoseconds(buffer[96..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]));
        return true;
    }

    /// <summary>
    /// Whether both times lie at least <paramref name="margin"/> before <paramref name="readStartedUtc"/>. A file changed
    /// again within one tick of the file system's clock keeps its times; one changed just before it was read could be
    /// changed again, unseen, right after. Only a settled file's stat may stand in for its digest (git's "racy" rule).
    /// </summary>
    public bool IsSettledAt(DateTime readStartedUtc, TimeSpan margin)
    {
        long limit = (readStartedUtc - DateTime.UnixEpoch - margin).Ticks * 100;
        return ModifiedNs < limit && ChangedNs < limit;
    }

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000 + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
