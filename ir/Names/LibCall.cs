namespace Stencil.Ir.Names;

/// <summary>Runtime library functions the code generator may call. The text form is the member name
/// (e.g. <c>%Memcmp</c> in a <c>fn</c> declaration is spelled <c>%Memcmp</c>, as in Cranelift).</summary>
public enum LibCall : byte
{
    Probestack,
    CeilF32,
    CeilF64,
    FloorF32,
    FloorF64,
    TruncF32,
    TruncF64,
    NearestF32,
    NearestF64,
    FmaF32,
    FmaF64,
    Memcpy,
    Memset,
    Memmove,
    Memcmp,
    ElfTlsGetAddr,
    ElfTlsGetOffset,
}

public static class LibCallInfo
{
    /// <summary>The C symbol each libcall binds to when written into an object file.</summary>
    public static string SymbolName(this LibCall call) => call switch
    {
        LibCall.Probestack => "__cranelift_probestack",
        LibCall.CeilF32 => "ceilf",
        LibCall.CeilF64 => "ceil",
        LibCall.FloorF32 => "floorf",
        LibCall.FloorF64 => "floor",
        LibCall.TruncF32 => "truncf",
        LibCall.TruncF64 => "trunc",
        LibCall.NearestF32 => "nearbyintf",
        LibCall.NearestF64 => "nearbyint",
        LibCall.FmaF32 => "fmaf",
        LibCall.FmaF64 => "fma",
        LibCall.Memcpy => "memcpy",
        LibCall.Memset => "memset",
        LibCall.Memmove => "memmove",
        LibCall.Memcmp => "memcmp",
        LibCall.ElfTlsGetAddr => "__tls_get_addr",
        LibCall.ElfTlsGetOffset => "__tls_get_offset",
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    public static bool TryParse(string text, out LibCall call) => Enum.TryParse(text, ignoreCase: false, out call) && Enum.IsDefined(call);
}
