using System.Globalization;
using StackExchange.Redis;

namespace Stencil.RemoteCache;

/// <summary>Reachability and contents of a remote cache, for <c>stencil cache remote ping|stats</c>.</summary>
public static class RemoteCacheInspector
{
    /// <summary>The round-trip time of one PING; throws <see cref="RemoteCacheException"/> when the server cannot be reached.</summary>
    public static TimeSpan Ping(RemoteCacheAddress address)
    {
        using var cache = RedisRemoteCache.Start(address);
        return Run(address, () => cache.Connection().GetDatabase().Ping());
    }

    public static RemoteCacheStatus Stats(RemoteCacheAddress address)
    {
        using var cache = RedisRemoteCache.StartForInspection(address);
        return Run(address, () =>
        {
            var connection = cache.Connection();
            var database = connection.GetDatabase();
            var roundTrip = database.Ping();
            long keys = 0, memory = 0;
            string version = "", maxMemory = "", policy = "";
            foreach (var server in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                // SCAN, in pages: never KEYS, which blocks the server while it walks everything.
                keys += server.Keys(database.Database, address.Prefix + "*", pageSize: 1000).LongCount();
                var info = server.Info("memory").SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
                memory += info.TryGetValue("used_memory", out var used) && long.TryParse(used, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                maxMemory = info.GetValueOrDefault("maxmemory_human", maxMemory);
                policy = info.GetValueOrDefault("maxmemory_policy", policy);
                version = server.Version.ToString();
            }
            return new RemoteCacheStatus(address.Display, address.Prefix, roundTrip, keys, memory, version, maxMemory, policy);
        });
    }

    private static T Run<T>(RemoteCacheAddress address, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (RemoteCacheException) { throw; }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new RemoteCacheException($"{address.Display}: {address.Redact(e.Message)}", e);
        }
    }
}
