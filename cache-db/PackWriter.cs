using LiteDB;

namespace Stencil.CacheDb;

/// <summary>
/// Gathers payloads into new packs: documents of up to <see cref="MaxPackBytes"/> concatenated payloads, so that a
/// build reads its code in a few large reads instead of thousands of small ones. Not larger, because a damaged page
/// makes LiteDB give up on the whole document: the size bounds what one bad page costs. Packs are written once and
/// never changed; space is reclaimed by <see cref="PackCollector"/>.
/// </summary>
internal sealed class PackWriter(CacheCatalog catalog)
{
    public const int MaxPackBytes = 256 * 1024;

    private readonly List<(long Id, MemoryStream Data)> _packs = [];

    /// <summary>Where <paramref name="payload"/> will be once <see cref="Flush"/> has written the packs.</summary>
    public (long Pack, int Offset) Append(ReadOnlySpan<byte> payload)
    {
        if (_packs.Count == 0 || (_packs[^1].Data.Length > 0 && _packs[^1].Data.Length + payload.Length > MaxPackBytes))
            _packs.Add((catalog.NextPackId++, new MemoryStream()));
        var (id, data) = _packs[^1];
        int offset = (int)data.Length;
        data.Write(payload);
        return (id, offset);
    }

    /// <summary>Inserts the packs into the caller's transaction and records them in the catalog.</summary>
    public void Flush(LiteDatabase db)
    {
        var packs = db.GetCollection(CacheSchema.PacksCollection);
        foreach (var (id, data) in _packs)
        {
            var bytes = data.ToArray();
            packs.Insert(CacheSchema.Pack(id, bytes));
            catalog.Packs[id] = bytes.Length;
        }
        _packs.Clear();
    }
}
