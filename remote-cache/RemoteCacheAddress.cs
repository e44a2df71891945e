using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace Stencil.RemoteCache;

/// <summary>
/// Where the remote cache is and how to talk to it, parsed from <c>StencilRemoteCache</c> or
/// <c>STENCIL_REMOTE_CACHE</c>: a URL, <c>redis://[user:password@]host[:port][/database][?option=value&amp;...]</c>
/// (<c>rediss://</c> for TLS), or a StackExchange.Redis configuration string (<c>host:port,password=...,ssl=true</c>).
/// URL options: <c>connectTimeout</c>, <c>timeout</c> and <c>publishTimeout</c> in milliseconds, <c>prefix</c>,
/// <c>maxValueSize</c> in bytes.
/// <para><see cref="Display"/> is what is ever printed: it names the server, never the password.</para>
/// </summary>
public sealed class RemoteCacheAddress
{
    /// <summary>Small on purpose: a cache that does not answer quickly is worth less than the compile it saves.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromMilliseconds(1500);
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromMilliseconds(3000);
    public static readonly TimeSpan DefaultPublishTimeout = TimeSpan.FromMilliseconds(5000);
    public const string DefaultPrefix = "stencil:";
    /// <summary>Compiled functions are kilobytes; a value this large is not one of ours.</summary>
    public const int DefaultMaxValueBytes = 4 << 20;

    private readonly ConfigurationOptions _options;

    private RemoteCacheAddress(ConfigurationOptions options, string display, string prefix, int maxValueBytes, TimeSpan publishTimeout)
    {
        _options = options;
        Display = display;
        Prefix = prefix;
        MaxValueBytes = maxValueBytes;
        PublishTimeout = publishTimeout;
    }

    /// <summary>The server(s) and database, without user or password.</summary>
    public string Display { get; }
    /// <summary>Every key this cache reads or writes starts with it: one prefix (or database) per trust domain.</summary>
    public string Prefix { get; }
    public int MaxValueBytes { get; }
    /// <summary>How long the end of a build may spend publishing what it compiled.</summary>
    public TimeSpan PublishTimeout { get; }
    public TimeSpan ConnectTimeout => TimeSpan.FromMilliseconds(_options.ConnectTimeout);
    public TimeSpan OperationTimeout => TimeSpan.FromMilliseconds(_options.SyncTimeout);
    /// <summary>A client or server message made safe to print: the first line, without the password.</summary>
    internal string Redact(string message)
    {
        message = message.Split('\n', 2)[0].Trim();
        return _options.Password is { Length: > 0 } password ? message.Replace(password, "***", StringComparison.Ordinal) : message;
    }

    /// <summary>The same server under another key prefix (a benchmark's own namespace, say).</summary>
    public RemoteCacheAddress WithPrefix(string prefix) => new(_options.Clone(), Display, prefix, MaxValueBytes, PublishTimeout);

    /// <summary>A fresh copy of the client options (StackExchange.Redis freezes the ones it connects with).</summary>
    internal ConfigurationOptions CreateOptions() => _options.Clone();

    public static bool TryParse(string? text, out RemoteCacheAddress? address, out string error)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) { error = "no remote cache address"; return false; }
        text = text.Trim();
        try
        {
            address = text.Contains("://", StringComparison.Ordinal) ? FromUrl(text) : FromConfiguration(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
        {
            // The text itself may hold a password: the error names what is wrong, never the text.
            error = e.Message;
            return false;
        }
    }

    private static RemoteCacheAddress FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
            throw new FormatException("the remote cache address must be redis://host[:port][/database] or rediss://... (or a StackExchange.Redis configuration string)");
        var options = NewOptions();
        options.Ssl = uri.Scheme == "rediss";
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            // redis://:password@host is the usual form without a user name.
            if (parts.Length == 1) options.Password = Uri.UnescapeDataString(parts[0]);
            else
            {
                if (parts[0].Length > 0) options.User = Uri.UnescapeDataString(parts[0]);
                options.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database))
                throw new FormatException($"the remote cache database '{path}' is not a number");
            options.DefaultDatabase = database;
        }
        string prefix = DefaultPrefix;
        int maxValue = DefaultMaxValueBytes;
        var publish = DefaultPublishTimeout;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var name = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (name.ToLowerInvariant())
            {
                case "connecttimeout": options.ConnectTimeout = Positive(name, value); break;
                case "timeout": options.SyncTimeout = options.AsyncTimeout = Positive(name, value); break;
                case "publishtimeout": publish = TimeSpan.FromMilliseconds(Positive(name, value)); break;
                case "prefix": prefix = value; break;
                case "maxvaluesize": maxValue = Positive(name, value); break;
                default: throw new FormatException($"unknown remote cache option '{name}' (known: connectTimeout, timeout, publishTimeout, prefix, maxValueSize)");
            }
        }
        return new RemoteCacheAddress(options, Describe(options), prefix, maxValue, publish);
    }

    private static RemoteCacheAddress FromConfiguration(string text)
    {
        var options = NewOptions();
        // Parse over our defaults, so a timeout the string names wins and one it leaves out stays small.
        var parsed = ConfigurationOptions.Parse(text);
        if (parsed.EndPoints.Count == 0) throw new FormatException("the remote cache configuration names no server");
        var lower = text.ToLowerInvariant();
        if (!lower.Contains("connecttimeout=")) parsed.ConnectTimeout = options.ConnectTimeout;
        if (!lower.Contains("synctimeout=")) parsed.SyncTimeout = options.SyncTimeout;
        if (!lower.Contains("asynctimeout=")) parsed.AsyncTimeout = options.AsyncTimeout;
        parsed.AbortOnConnectFail = true;
        parsed.ConnectRetry = 1;
        parsed.ClientName = options.ClientName;
        if (!lower.Contains("tiebreaker=")) parsed.TieBreaker = options.TieBreaker;
        return new RemoteCacheAddress(parsed, Describe(parsed), DefaultPrefix, DefaultMaxValueBytes, DefaultPublishTimeout);
    }

    private static ConfigurationOptions NewOptions() => new()
    {
        ConnectTimeout = (int)DefaultConnectTimeout.TotalMilliseconds,
        SyncTimeout = (int)DefaultOperationTimeout.TotalMilliseconds,
        AsyncTimeout = (int)DefaultOperationTimeout.TotalMilliseconds,
        // A build connects once and gives up fast: it has a local cache and a compiler to fall back on.
        AbortOnConnectFail = true,
        ConnectRetry = 1,
        ClientName = "stencil",
        // No tie-breaker GET while connecting: one request less, and the builds' GETs are the only ones.
        TieBreaker = "",
    };

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"the remote cache option '{name}' must be a positive whole number, not '{value}'");

    private static string Describe(ConfigurationOptions options)
    {
        var servers = string.Join(",", options.EndPoints.Select(e => e switch
        {
            DnsEndPoint d => $"{d.Host}:{d.Port}",
            IPEndPoint ip => ip.ToString(),
            _ => e.ToString() ?? "?",
        }));
        return $"{(options.Ssl ? "rediss" : "redis")}://{servers}/{options.DefaultDatabase ?? 0}";
    }

    public override string ToString() => Display;
}
