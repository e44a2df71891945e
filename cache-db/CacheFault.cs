using LiteDB;

namespace Stencil.CacheDb;

/// <summary>
/// The one place that decides whose fault an exception met while using a cache file is. The file's or the machine's
/// (I/O, permissions, LiteDB meeting a damaged or foreign file) is a warning and a miss, and for a damaged file a
/// set-aside or salvage; everything else is a bug in Stencil, which must not be mistaken for damage: it propagates,
/// the build fails with an internal error, and the file is left as it was.
/// </summary>
/// <remarks>
/// Bad checksums, payloads and index shards that do not decode, and files of another schema are not exceptions at all:
/// the checks and codecs report them as problems (see <see cref="StoredPack"/>, <see cref="CacheState"/>,
/// <see cref="CacheSchema"/>), so they stay in the environmental class without being caught.
/// </remarks>
internal static class CacheFault
{
    /// <summary>Where tests inject storage failures (see <see cref="Stencil.Engine.Building.FaultInjection"/>).</summary>
    public const string ReadPackPoint = "cache read pack";
    public const string ReadManifestPoint = "cache read manifest";
    public const string WriteBuildPoint = "cache write build";

    public static bool IsEnvironmental(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException or System.Security.SecurityException => true,
        LiteException => true,
        // Our code handing LiteDB a null is our mistake wherever LiteDB notices it.
        ArgumentNullException => false,
        // LiteDB meets garbage pages with whatever its code happens to throw (invalid casts, ranges, nulls): thrown
        // inside LiteDB, that is the file's damage. The same exception thrown in our own code is our bug.
        _ => e.TargetSite?.Module.Assembly == typeof(LiteException).Assembly,
    };
}
