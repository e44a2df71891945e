namespace Stencil.Engine.Building;

/// <summary>
/// The one table of STN4xxx codes, problems of the build environment rather than of the IR text, and of STN9xxx
/// codes, bugs in Stencil itself (STN1xxx parse, STN2xxx verify and STN3xxx backend codes live with their layers).
/// Front ends use these constants rather than spelling codes of their own. Each code has one meaning.
/// </summary>
public static class BuildDiagnosticCodes
{
    /// <summary>The cache could not be read or written; the build goes on without it (warning).</summary>
    public const string CacheWarning = "STN4001";
    /// <summary>The system linker failed or is missing.</summary>
    public const string LinkFailed = "STN4002";
    public const string InvalidTarget = "STN4003";
    public const string InvalidSetting = "STN4004";
    /// <summary>The object file could not be written.</summary>
    public const string ObjectWrite = "STN4005";
    /// <summary>A source (or other input) file is missing or unreadable.</summary>
    public const string FileNotFound = "STN4006";
    /// <summary>The module layer was used inconsistently (a symbol declared two incompatible ways).</summary>
    public const string ModuleMisuse = "STN4007";
    /// <summary>A task parameter or command-line usage error.</summary>
    public const string InvalidParameter = "STN4010";
    public const string Canceled = "STN4011";
    /// <summary>Two functions of one build define the same symbol.</summary>
    public const string DuplicateSymbol = "STN4012";
    /// <summary>No cross linker for the target (e.g. <c>s390x-linux-gnu-gcc</c>): the object is built, the shared library is
    /// not (warning).</summary>
    public const string CrossLinkerMissing = "STN4013";
    /// <summary>Verify mode: cached code differs from a fresh compile.</summary>
    public const string CacheMismatch = "STN4020";
    public const string CacheUnavailable = "STN4030";
    public const string CacheKeyNotFound = "STN4031";
    public const string CacheDamaged = "STN4032";
    /// <summary>The remote cache could not be used (unreachable, slow, refused, or a value failed its checks); the build goes on with the local cache (warning, at most one per build).</summary>
    public const string RemoteCacheWarning = "STN4040";
    /// <summary>An unexpected failure at a front end's boundary (a dependency that fails to load, say), reported without a stack trace.</summary>
    public const string Internal = "STN4999";
    /// <summary>A bug while compiling one function, reported at that function's definition (see <see cref="InternalErrors"/>).</summary>
    public const string InternalCompilerError = "STN9001";
    /// <summary>A bug in the cache's code rather than damage to its file; the file is left untouched (see <see cref="InternalErrors"/>).</summary>
    public const string CacheInternalError = "STN9002";
}
