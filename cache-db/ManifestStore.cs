using System.Buffers;
using System.Security.Cryptography;
using LiteDB;
using Stencil.Engine.Caching;
using Stencil.Ir.Keys;

namespace Stencil.CacheDb;

/// <summary>
/// How build manifests are kept. A manifest is hundreds of KiB for a large project and a one-edit build changes a few
/// places in it, while every byte a commit writes is written twice and flushed twice (journal, then checkpoint). So a
/// manifest is stored as content-defined pieces (<see cref="ContentChunker"/>), each a document named by its SHA-256,
/// and a small sealed list of them; rewriting a manifest writes the pieces the stored one does not have and deletes
/// the ones it no longer uses. A piece's name is its checksum, so damage anywhere makes the manifest a miss. Pieces
/// belong to one manifest (their id starts with its id): dropping a manifest never has to ask who else uses a piece.
/// </summary>
internal static class ManifestStore
{
    private const uint Magic = 0x464E5453; // "STNF" little-endian
    /// <summary>Version 1 held the whole manifest in one document; it is still read.</summary>
    private const int WholeVersion = 1;
    private const int PiecesVersion = 2;

    private readonly record struct Piece(byte[] Hash, int Length);

    /// <summary>The manifest stored under <paramref name="id"/>; false when there is none or any part of it is damaged.</summary>
    /// <exception cref="LiteException">The file is damaged where the manifest lies.</exception>
    public static bool TryRead(LiteDatabase db, CacheKey id, out byte[] manifest)
    {
        manifest = [];
        var blob = CacheSchema.BlobOf(db.GetCollection(CacheSchema.ManifestsCollection).FindById(id.ToString()));
        if (blob is null) return false;
        if (SealedBlob.TryOpen(blob, Magic, WholeVersion, out var whole))
        {
            manifest = whole.ToArray();
            return true;
        }
        if (!TryDecodeList(blob, out var total, out var pieces)) return false;

        var result = new byte[total];
        // One range scan of the id index, not a point lookup per piece: LiteDB's per-call cost is most of a small read.
        var stored = db.GetCollection(CacheSchema.ManifestPiecesCollection).Find(Query.StartsWith("_id", PiecePrefix(id)))
            .ToDictionary(doc => doc["_id"].AsString, CacheSchema.BlobOf, StringComparer.Ordinal);
        int at = 0;
        foreach (var piece in pieces)
        {
            var data = stored.GetValueOrDefault(PieceId(id, piece.Hash));
            if (data is null || data.Length != piece.Length || at + data.Length > total || !PayloadChecksum.Matches(data, piece.Hash)) return false;
            data.CopyTo(result, at);
            at += data.Length;
        }
        if (at != total) return false;
        manifest = result;
        return true;
    }

    /// <summary>
    /// Stores <paramref name="manifest"/> under <paramref name="id"/> in the caller's transaction; returns the bytes it
    /// takes. Pieces the stored list names are trusted to be intact unless <paramref name="rewriteAll"/> (a read of the
    /// stored manifest failed), since checking them would mean reading them all back.
    /// </summary>
    public static int Write(LiteDatabase db, CacheKey id, ReadOnlySpan<byte> manifest, bool rewriteAll = false)
    {
        var pieces = db.GetCollection(CacheSchema.ManifestPiecesCollection);
        var ranges = ContentChunker.Split(manifest);
        var list = new List<Piece>(ranges.Count);
        foreach (var r in ranges) list.Add(new Piece(SHA256.HashData(manifest[r]), r.GetOffsetAndLength(manifest.Length).Length));
        var wanted = list.Select(p => Convert.ToHexString(p.Hash)).ToHashSet(StringComparer.Ordinal);

        var old = CacheSchema.BlobOf(db.GetCollection(CacheSchema.ManifestsCollection).FindById(id.ToString()));
        var stored = new HashSet<string>(StringComparer.Ordinal);
        if (!rewriteAll && old is not null && TryDecodeList(old, out _, out var oldPieces))
        {
            foreach (var hex in oldPieces.Select(p => Convert.ToHexString(p.Hash)).Distinct())
            {
                if (wanted.Contains(hex)) stored.Add(hex);
                else pieces.Delete(PieceId(id, hex));
            }
        }
        else
        {
            // Whatever pieces a damaged or older list left behind are unknown or suspect: start this manifest's pieces afresh.
            pieces.DeleteMany(Query.StartsWith("_id", PiecePrefix(id)));
        }

        for (int i = 0; i < list.Count; i++)
        {
            var hex = Convert.ToHexString(list[i].Hash);
            if (stored.Add(hex)) pieces.Upsert(CacheSchema.Blob(PieceId(id, hex), manifest[ranges[i]].ToArray()));
        }
        var root = EncodeList(manifest.Length, list);
        db.GetCollection(CacheSchema.ManifestsCollection).Upsert(CacheSchema.Blob(id.ToString(), root));
        return root.Length + manifest.Length;
    }

    /// <summary>Removes the manifest and its pieces in the caller's transaction.</summary>
    public static void Delete(LiteDatabase db, CacheKey id)
    {
        db.GetCollection(CacheSchema.ManifestsCollection).Delete(id.ToString());
        db.GetCollection(CacheSchema.ManifestPiecesCollection).DeleteMany(Query.StartsWith("_id", PiecePrefix(id)));
    }

    private static string PiecePrefix(CacheKey id) => id + ":";

    private static string PieceId(CacheKey id, byte[] hash) => PieceId(id, Convert.ToHexString(hash));

    private static string PieceId(CacheKey id, string hashHex) => PiecePrefix(id) + hashHex;

    private static byte[] EncodeList(int total, List<Piece> pieces)
    {
        var buffer = new ArrayBufferWriter<byte>(48 + pieces.Count * 40);
        SealedBlob.Begin(buffer, Magic, PiecesVersion);
        var w = new CanonicalWriter(buffer);
        w.WriteVarUInt((ulong)total);
        w.WriteVarUInt((ulong)pieces.Count);
        foreach (var p in pieces)
        {
            w.WriteFixed(p.Hash);
            w.WriteVarUInt((ulong)p.Length);
        }
        return SealedBlob.Seal(buffer);
    }

    private static bool TryDecodeList(ReadOnlySpan<byte> blob, out int total, out List<Piece> pieces)
    {
        total = 0;
        pieces = [];
        if (!SealedBlob.TryOpen(blob, Magic, PiecesVersion, out var body)) return false;
        var r = new CanonicalReader(body);
        if (!r.TryReadUInt32(out var length) || length > int.MaxValue || !r.TryReadCount(out int count)) return false;
        total = (int)length;
        for (int i = 0; i < count; i++)
        {
            if (!r.TryReadFixed(SHA256.HashSizeInBytes, out var hash) || !r.TryReadUInt32(out var size) || size > int.MaxValue) return false;
            pieces.Add(new Piece(hash.ToArray(), (int)size));
        }
        return r.AtEnd;
    }
}
