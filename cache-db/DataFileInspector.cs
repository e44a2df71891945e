using System.Buffers.Binary;
using System.Text;

namespace Stencil.CacheDb;

/// <summary>
/// Looks at the raw bytes of a cache's files before LiteDB does. LiteDB 5 silently re-initializes a file that is
/// too short to hold its header (destroying whatever it was), trusts page numbers in a journal (a random journal
/// once grew a data file to terabytes), and only notices a truncated file when a query reaches the missing pages.
/// Offsets follow LiteDB 5's data file format version 8.
/// </summary>
internal static class DataFileInspector
{
    public const int PageSize = 8192;
    private const string HeaderInfo = "** This is a LiteDB file **";
    private const int HeaderInfoOffset = 32;
    private const int FileVersionOffset = 59;
    private const byte FileVersion = 8;
    private const int LastPageIdOffset = 64;
    private const int PageIdOffset = 0;
    private const int PageTypeOffset = 4;
    private const int TransactionIdOffset = 14;
    private const int IsConfirmedOffset = 18;
    private const byte HeaderPageType = 1;
    private const byte HighestPageType = 4;

    /// <summary>Why the data file cannot be a usable LiteDB file, or null when its header and length are plausible.</summary>
    /// <param name="pagesMayBeInJournal">A journal is present, so the data file may legitimately lack its newest pages.</param>
    public static string? InspectDataFile(string path, bool pagesMayBeInJournal)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = stream.Length;
        if (length == 0) return "the file is empty";
        if (length < PageSize) return $"the file is too short to be a LiteDB database ({length} bytes)";

        var header = new byte[PageSize];
        stream.ReadExactly(header);
        var reason = CheckHeaderPage(header);
        if (reason is not null) return reason;
        if (pagesMayBeInJournal) return null;

        if (length % PageSize != 0) return $"the file is truncated ({length} bytes is not a whole number of pages)";
        var lastPage = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset));
        var needed = ((long)lastPage + 1) * PageSize;
        if (length < needed) return $"the file is truncated ({length} bytes, its header needs {needed})";
        return null;
    }

    /// <summary>Why a leftover journal must not be replayed, or null when its pages look like LiteDB's.</summary>
    /// <remarks>
    /// LiteDB replays only transactions whose last page is marked confirmed; the pages of a transaction cut short by a
    /// killed process are skipped. Their ids may run ahead of the pages written so far, so the bound on page ids holds
    /// for confirmed transactions only: judging the unconfirmed ones would discard journals that replay correctly.
    /// </remarks>
    public static string? InspectJournal(string journalPath, string dataPath)
    {
        using var journal = new FileStream(journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = journal.Length;
        if (length % PageSize != 0) return $"the journal is truncated ({length} bytes is not a whole number of pages)";

        // A confirmed page either rewrites an existing page or adds one past the end, never beyond that.
        long dataLastPage = 0;
        using (var data = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            if (data.Length >= PageSize)
            {
                var header = new byte[PageSize];
                data.ReadExactly(header);
                dataLastPage = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset));
            }
        }
        var highestAllowed = dataLastPage + length / PageSize;

        var pages = new List<(uint Id, byte Type, uint Transaction, bool HeaderIsValid)>();
        var confirmed = new HashSet<uint>();
        var page = new byte[PageSize];
        for (long index = 0; index < length / PageSize; index++)
        {
            journal.ReadExactly(page);
            var pageId = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(PageIdOffset));
            var pageType = page[PageTypeOffset];
            if (pageType > HighestPageType)
                return $"journal page {index} is not a LiteDB page (id {pageId}, type {pageType})";
            var transaction = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(TransactionIdOffset));
            if (page[IsConfirmedOffset] != 0) confirmed.Add(transaction);
            pages.Add((pageId, pageType, transaction, pageType != HeaderPageType || CheckHeaderPage(page) is null));
        }

        for (var index = 0; index < pages.Count; index++)
        {
            var (pageId, pageType, transaction, headerIsValid) = pages[index];
            if (!confirmed.Contains(transaction)) continue;
            if (pageId > highestAllowed)
                return $"journal page {index} is not a LiteDB page (id {pageId}, type {pageType})";
            if (pageType == HeaderPageType && (pageId != 0 || !headerIsValid))
                return $"journal page {index} holds a damaged header";
        }
        return null;
    }

    private static string? CheckHeaderPage(ReadOnlySpan<byte> page)
    {
        var info = Encoding.ASCII.GetString(page.Slice(HeaderInfoOffset, HeaderInfo.Length));
        if (info != HeaderInfo) return "it is not a LiteDB database (no LiteDB header)";
        var version = page[FileVersionOffset];
        if (version != FileVersion) return $"its LiteDB file format version {version} is not supported (expected {FileVersion})";
        return null;
    }
}
