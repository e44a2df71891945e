namespace Stencil.Server.Protocol;

/// <summary>
/// Bounds on what either side accepts, checked before anything is allocated: a request names files (it never carries
/// their text), so it is small; a reply carries a build's diagnostics, so it may be larger.
/// </summary>
public static class ProtocolLimits
{
    public const int MaxRequestBytes = 4 << 20;
    public const int MaxReplyBytes = 64 << 20;
    public const int MaxStringBytes = 1 << 20;
    public const int MaxListCount = 1 << 20;
}
