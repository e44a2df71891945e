using LiteDB;
using LiteDB.Engine;

namespace Stencil.CacheDb;

/// <summary>
/// A writable cache file: LiteDB over <see cref="CacheFileStream"/>s (so the journal is fsynced once per commit), which
/// are closed with it. LiteDB does not close streams it was given.
/// </summary>
internal sealed class CacheLiteDatabase : LiteDatabase
{
    private readonly CacheFileStream _data;
    private readonly CacheFileStream _journal;

    private CacheLiteDatabase(ILiteEngine engine, CacheFileStream data, CacheFileStream journal) : base(engine)
    {
        _data = data;
        _journal = journal;
    }

    public CacheFileStream Data => _data;
    public CacheFileStream Journal => _journal;

    public static CacheLiteDatabase Open(string dataPath)
    {
        var journal = CacheFileStream.ForJournal(CacheFiles.For(dataPath).Journal);
        CacheFileStream? data = null;
        try
        {
            data = CacheFileStream.ForData(dataPath, journal);
            return new CacheLiteDatabase(new LiteEngine(new EngineSettings { DataStream = data, LogStream = journal }), data, journal);
        }
        catch
        {
            data?.Dispose();
            journal.Dispose();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            if (disposing)
            {
                _data.Dispose();
                _journal.Dispose();
            }
        }
    }
}
