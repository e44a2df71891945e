using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Build.Framework;
using Stencil.CacheDb;
using Stencil.Engine.Building;
using Stencil.RemoteCache;
using Stencil.Server.Building;
using Stencil.Server.Client;
using Stencil.Server.Hosting;
using Stencil.Server.Protocol;

namespace Stencil.Build;

/// <summary>
/// Compiles a project's .clif sources into one native object, reusing cached machine code for every
/// function stencil seen before, then links the object into a shared library with the system linker.
/// Everything the user can get wrong is reported as an STNxxxx error or warning, never as a stack trace.
/// The work itself (<see cref="CompileJob"/>) runs in the compiler server when <see cref="UseServer"/> is set and one can
/// be reached or started, else here; either way its log is replayed into this task's log.
/// </summary>
public sealed class StencilCompile : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _cancellation = new();
    private TimeSpan _lockTimeout = DefaultLockTimeout;
    private long? _maxBytes;
    private Stencil.RemoteCache.RemoteCacheMode _remoteMode;
    private TimeSpan _idleTimeout = ServerOptions.DefaultIdleTimeout;

    [Required] public ITaskItem[] Sources { get; set; } = [];
    [Required] public string ProjectName { get; set; } = "";
    [Required] public string ObjectFile { get; set; } = "";
    public string? CacheFile { get; set; }
    public string? Triple { get; set; }
    /// <summary>Code generator settings as <c>name=value</c> (<c>opt_level=speed</c>, ...); an unknown one is error STN4004.</summary>
    public string[] Settings { get; set; } = [];
    public bool EnableCache { get; set; } = true;
    public string? SharedLibrary { get; set; }
    public bool LinkSharedLibrary { get; set; } = true;
    public bool Parallel { get; set; } = true;
    public bool VerifyCacheHits { get; set; }
    /// <summary>Milliseconds to wait for another build holding the cache before building without it; empty for the default.</summary>
    public string? CacheLockTimeout { get; set; }
    /// <summary>Largest total of cached code, in bytes or with a KB/MB/GB suffix; empty for no limit.</summary>
    public string? CacheMaxSize { get; set; }

    /// <summary>
    /// The remote cache behind the local one: <c>redis://</c>, <c>rediss://</c> or a StackExchange.Redis configuration
    /// string; when empty, the <c>STENCIL_REMOTE_CACHE</c> environment variable (read here, so a password in it never
    /// passes through MSBuild's property log).
    /// </summary>
    public string? RemoteCache { get; set; }
    /// <summary><c>ReadWrite</c> (empty), <c>ReadOnly</c> or <c>Off</c>.</summary>
    public string? RemoteCacheMode { get; set; }

    /// <summary>
    /// Build in the compiler server (started on demand) instead of this process; <c>StencilUseServer</c>, true by default
    /// in the targets. False here, so a task driven directly (tests, other hosts) leaves no process behind.
    /// </summary>
    public bool UseServer { get; set; }
    /// <summary>Seconds the server stays up with no build (<c>StencilServerIdleTimeout</c>); empty for 10 minutes.</summary>
    public string? ServerIdleTimeout { get; set; }

    /// <summary>The one-line summary of the build, for targets that want to surface it elsewhere.</summary>
    [Output] public string? Summary { get; private set; }

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        try
        {
            return ExecuteCore();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogError(null, BuildDiagnosticCodes.Canceled, null, null, 0, 0, 0, 0, "{0}", "Stencil compilation was canceled.");
            return false;
        }
        catch (Exception ex)
        {
            // The task boundary: whatever went wrong (including a dependency that failed to load) becomes
            // one readable error instead of an MSBuild crash report with a stack trace.
            Log.LogError(null, BuildDiagnosticCodes.Internal, null, null, 0, 0, 0, 0, "Stencil failed unexpectedly: {0}", ExceptionText.Describe(ex));
            Log.LogMessage(MessageImportance.Low, "{0}", $"{BuildDiagnosticCodes.Internal} details: {ex}");
            return false;
        }
    }

    // Kept out of Execute so that a missing dependency assembly surfaces while JIT-compiling this method,
    // inside Execute's try block, rather than before it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ExecuteCore()
    {
        if (!ValidateParameters())
            return false;

        var started = Stopwatch.GetTimestamp();
        var request = new CompileRequest
        {
            ProjectName = ProjectName,
            Sources = SourceOrder.Normalize(Sources),
            ObjectFile = Path.GetFullPath(ObjectFile),
            Triple = Triple,
            Settings = Settings,
            CacheFile = EnableCache ? Path.GetFullPath(CacheFile!) : null,
            CacheLockTimeout = _lockTimeout,
            CacheMaxBytes = _maxBytes,
            // Read here: the server's environment is not the build's.
            RemoteCache = string.IsNullOrWhiteSpace(RemoteCache) ? Environment.GetEnvironmentVariable(RemoteCacheSettings.EnvironmentVariable) : RemoteCache,
            RemoteCacheMode = _remoteMode,
            SharedLibrary = LinkSharedLibrary ? Path.GetFullPath(SharedLibrary!) : null,
            Parallel = Parallel,
            VerifyCacheHits = VerifyCacheHits,
        };

        var connectMs = 0.0;
        string place;
        CompileOutcome outcome;
        IReadOnlyList<LogEntry> entries;
        if (UseServer && TryBuildInServer(request, out var reply, out connectMs))
        {
            (outcome, entries, place) = (reply.Outcome, reply.Log, "in the compiler server");
        }
        else
        {
            var log = new BuildLog();
            outcome = CompileJob.Run(request, log, _cancellation.Token);
            (entries, place) = (log.Entries, "in-process");
        }
        BuildLogReplay.Replay(Log, entries);
        Summary = outcome.Summary;
        var stages = string.Join(", ", outcome.Stages.Select(s => $"{s.Name} {s.Ms:0.#} ms"));
        Log.LogMessage(MessageImportance.Low, "{0}", $"Stencil: stages {place}: connect {connectMs:0.#} ms, {stages}; task {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.#} ms");
        return outcome.Succeeded && !Log.HasLoggedErrors;
    }

    /// <summary>The build in the compiler server; false after logging why not, and the caller compiles in-process.</summary>
    private bool TryBuildInServer(CompileRequest request, [NotNullWhen(true)] out BuildReply? reply, out double connectMs)
    {
        var options = new ServerClientOptions { IdleTimeout = _idleTimeout };
        if (ServerClient.TryBuild(request, options, _cancellation.Token, out reply, out var reason, out connectMs))
            return true;
        _cancellation.Token.ThrowIfCancellationRequested();
        // One stable line, like Roslyn's: the build goes on and gives the same object.
        Log.LogMessage(MessageImportance.Normal, "{0}", $"Stencil: compiler server unavailable ({reason}); compiled in-process");
        return false;
    }

    private bool ValidateParameters()
    {
        if (EnableCache && string.IsNullOrWhiteSpace(CacheFile))
            Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}", "CacheFile is required when EnableCache is true (set StencilCacheFile or StencilEnableCache=false).");
        ReadCacheSettings();
        if (!string.IsNullOrWhiteSpace(ServerIdleTimeout))
        {
            if (double.TryParse(ServerIdleTimeout.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86400)
                _idleTimeout = TimeSpan.FromSeconds(seconds);
            else
                Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}",
                    $"StencilServerIdleTimeout '{ServerIdleTimeout}' is not a number of seconds (more than 0, at most 86400).");
        }
        if (LinkSharedLibrary && string.IsNullOrWhiteSpace(SharedLibrary))
            Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}", "SharedLibrary is required when LinkSharedLibrary is true (set StencilSharedLibrary or StencilLinkSharedLibrary=false).");
        return !Log.HasLoggedErrors;
    }

    /// <summary>The shared-cache settings arrive as text from properties; a typo in one is an error, not a silent default.</summary>
    private void ReadCacheSettings()
    {
        if (!string.IsNullOrWhiteSpace(CacheLockTimeout))
        {
            if (int.TryParse(CacheLockTimeout.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                _lockTimeout = TimeSpan.FromMilliseconds(milliseconds);
            else
                Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}",
                    $"StencilCacheLockTimeout '{CacheLockTimeout}' is not a number of milliseconds.");
        }
        if (!string.IsNullOrWhiteSpace(CacheMaxSize))
        {
            if (ByteSize.TryParse(CacheMaxSize, out var bytes))
                _maxBytes = bytes;
            else
                Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}",
                    $"StencilCacheMaxSize '{CacheMaxSize}' is not a size (a number of bytes, optionally followed by KB, MB or GB).");
        }
        if (!RemoteCacheModes.TryParse(RemoteCacheMode, out _remoteMode))
            Log.LogError(null, BuildDiagnosticCodes.InvalidParameter, null, null, 0, 0, 0, 0, "{0}",
                $"StencilRemoteCacheMode '{RemoteCacheMode}' is not ReadWrite, ReadOnly or Off.");
    }
}
