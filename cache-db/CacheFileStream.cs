namespace Stencil.CacheDb;

/// <summary>
/// One of the files LiteDB writes, opened by us so that its fsyncs come once per commit instead of once per page.
/// LiteDB's journal writer thread fsyncs the journal whenever its queue runs empty, which in a commit of a thousand
/// pages is dozens of times while the commit still enqueues pages; on a busy disk that was almost all of the commit
/// (a cold build's or a fresh clone's 2,000 new entries: 60-330 ms, against 2 ms without those fsyncs).
/// <para>
/// The journal (<see cref="ForJournal"/>) defers its fsync: a flush only hands the bytes to the OS. The data file
/// (<see cref="ForData"/>) syncs the journal before its first write after the journal changed, so the write-ahead
/// order LiteDB relies on holds on disk: a checkpoint only writes data pages once the journal that can redo them is
/// durable. The data file's own flush is a real fsync (the checkpoint's). Truncating the journal after a checkpoint is not
/// synced at once, as in LiteDB: the journal's next sync covers it, and until then an old journal only repeats pages
/// the data file already has.
/// A killed process is unaffected either way (the OS keeps what was written); these are about losing power.
/// </para>
/// The journal file is created only when LiteDB first writes to it, like LiteDB's own; closing removes it when empty.
/// </summary>
internal sealed class CacheFileStream : Stream
{
    private readonly string _path;
    private readonly CacheFileStream? _journal;
    private readonly bool _isJournal;
    private FileStream? _file;
    private long _position;
    private bool _unsynced;

    private CacheFileStream(string path, bool isJournal, CacheFileStream? journal)
    {
        _path = path;
        _isJournal = isJournal;
        _journal = journal;
        // A journal left by a killed build must be read (LiteDB replays it); the data file always exists once open.
        if (!isJournal || File.Exists(path)) _file = Open(path);
    }

    public static CacheFileStream ForJournal(string path) => new(path, isJournal: true, journal: null);

    public static CacheFileStream ForData(string path, CacheFileStream journal) => new(path, isJournal: false, journal);

    /// <summary>How many times the file was fsynced through this stream.</summary>
    public int Syncs { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _file?.Length ?? 0;

    public override long Position
    {
        get => _file?.Position ?? _position;
        set
        {
            if (_file is null) _position = value;
            else _file.Position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => _file?.Read(buffer, offset, count) ?? 0;

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (_file is not null) return _file.Seek(offset, origin);
        return _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => offset,
        };
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _journal?.Sync();
        var file = Opened();
        file.Write(buffer, offset, count);
        _unsynced = true;
    }

    public override void SetLength(long value)
    {
        if (_file is null && value == 0) return;
        _journal?.Sync();
        Opened().SetLength(value);
        _unsynced = true;
    }

    /// <summary>LiteDB's "flush to disk": deferred for the journal (see the class), an fsync for the data file.</summary>
    public override void Flush()
    {
        if (_isJournal) _file?.Flush(flushToDisk: false);
        else Sync();
    }

    /// <summary>Makes what was written durable, if anything was since the last time.</summary>
    public void Sync()
    {
        if (!_unsynced || _file is null) return;
        _file.Flush(flushToDisk: true);
        _unsynced = false;
        Syncs++;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _file is not null)
        {
            var empty = _isJournal && _file.Length == 0;
            _file.Dispose();
            _file = null;
            if (empty) File.Delete(_path);
        }
        base.Dispose(disposing);
    }

    private FileStream Opened()
    {
        if (_file is not null) return _file;
        _file = Open(_path);
        _file.Position = _position;
        return _file;
    }

    // What LiteDB's own factory uses for the writer: its page size as the buffer, others may read.
    private static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 8192, FileOptions.RandomAccess);
}
