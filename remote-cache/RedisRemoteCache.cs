using StackExchange.Redis;
using Stencil.Ir.Keys;

namespace Stencil.RemoteCache;

/// <summary>
/// The remote tier on Redis (or Redis Cluster) through StackExchange.Redis. The connection is started as soon as
/// the cache is, so it is made while the build reads its sources; every batch is pipelined (GETs or SETs written
/// together, answers read together), which works on a cluster too, unlike MGET across slots.
/// </summary>
public sealed class RedisRemoteCache : IRemoteCache
{
    /// <summary>On top of the client's own timeouts, so a stuck client library cannot hold the build either.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);
    private readonly RemoteCacheAddress _address;
    private readonly Task<ConnectionMultiplexer> _connecting;
    private int _roundTrips;

    private RedisRemoteCache(RemoteCacheAddress address, bool inspect)
    {
        _address = address;
        var options = address.CreateOptions();
        // INFO counts as an admin command to the client; builds never need it.
        options.AllowAdmin = inspect;
        _connecting = ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Starts connecting; a failure to connect surfaces at the first use, as a <see cref="RemoteCacheException"/>.</summary>
    public static RedisRemoteCache Start(RemoteCacheAddress address) => new(address, inspect: false);

    /// <summary>A connection for <see cref="RemoteCacheInspector"/>, which also reads the server's INFO.</summary>
    internal static RedisRemoteCache StartForInspection(RemoteCacheAddress address) => new(address, inspect: true);

    public string Display => _address.Display;
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>The key a cache key is stored under: the prefix, the kind, then the content key (or manifest id); never a path.</summary>
    public static string KeyOf(RemoteCacheAddress address, in CacheKey key, RemoteEntryKind kind = RemoteEntryKind.Code) =>
        $"{address.Prefix}{(kind == RemoteEntryKind.Code ? "code" : "manifest")}:{key}";

    public byte[]?[] Fetch(IReadOnlyList<CacheKey> keys, RemoteEntryKind kind = RemoteEntryKind.Code)
    {
        var database = Database();
        if (keys.Count == 0) return [];
        var batch = database.CreateBatch();
        var gets = new Task<RedisValue>[keys.Count];
        for (int i = 0; i < keys.Count; i++) gets[i] = batch.StringGetAsync(KeyOf(_address, keys[i], kind));
        batch.Execute();
        Interlocked.Increment(ref _roundTrips);
        Await(Task.WhenAll(gets), _address.OperationTimeout + Margin, "reading");
        var values = new byte[]?[keys.Count];
        for (int i = 0; i < keys.Count; i++) values[i] = (byte[]?)gets[i].Result;
        return values;
    }

    public void Publish(IReadOnlyList<RemoteEntry> entries, TimeSpan budget)
    {
        if (entries.Count == 0) return;
        var database = Database();
        var batch = database.CreateBatch();
        var sets = new Task<bool>[entries.Count];
        for (int i = 0; i < entries.Count; i++) sets[i] = batch.StringSetAsync(KeyOf(_address, entries[i].Key, entries[i].Kind), entries[i].Value);
        batch.Execute();
        Interlocked.Increment(ref _roundTrips);
        Await(Task.WhenAll(sets), budget, "publishing");
    }

    /// <summary>The connected client, for inspection; throws <see cref="RemoteCacheException"/> when there is none.</summary>
    internal ConnectionMultiplexer Connection()
    {
        Await(_connecting, _address.ConnectTimeout + Margin, "connecting");
        return _connecting.Result;
    }

    private IDatabase Database() => Connection().GetDatabase();

    private void Await(Task task, TimeSpan limit, string what)
    {
        bool done;
        try
        {
            done = task.Wait(limit);
        }
        catch (AggregateException e)
        {
            throw Describe(what, e.InnerException ?? e);
        }
        if (!done) throw new RemoteCacheException($"{_address.Display}: no answer within {(int)limit.TotalMilliseconds} ms while {what}");
    }

    private RemoteCacheException Describe(string what, Exception e)
    {
        // StackExchange.Redis does not put passwords in its messages; Redact makes sure of it.
        var message = _address.Redact(e.Message);
        var kind = "";
        if (e is RedisConnectionException c)
        {
            kind = $" ({c.FailureType})";
            // Its first sentence says what happened; the rest is advice about client options that do not apply here.
            if (message.IndexOf(". ", StringComparison.Ordinal) is var end and > 0) message = message[..(end + 1)];
        }
        return new RemoteCacheException($"{_address.Display}: {what} failed{kind}: {message}", e);
    }

    public void Dispose()
    {
        if (_connecting.IsCompletedSuccessfully) _connecting.Result.Dispose();
        else _ = _connecting.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Dispose(); }, TaskScheduler.Default);
    }
}
