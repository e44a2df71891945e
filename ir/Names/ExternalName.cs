namespace Stencil.Ir.Names;

public enum ExternalNameKind : byte { User, LibCall, KnownSymbol }

/// <summary>
/// A reference to something outside the function as the stencil sees it: a user name only by its
/// <see cref="UserExternalNameRef"/> index, or a fixed libcall / known symbol.
/// </summary>
public readonly record struct ExternalName
{
    public ExternalNameKind Kind { get; }
    private readonly uint _payload;

    private ExternalName(ExternalNameKind kind, uint payload) { Kind = kind; _payload = payload; }

    public static ExternalName FromUser(UserExternalNameRef r) => new(ExternalNameKind.User, r.Index);
    public static ExternalName FromLibCall(LibCall c) => new(ExternalNameKind.LibCall, (uint)c);
    public static ExternalName FromKnownSymbol(KnownSymbol s) => new(ExternalNameKind.KnownSymbol, (uint)s);

    public UserExternalNameRef UserRef => Kind == ExternalNameKind.User ? new UserExternalNameRef(_payload) : throw new InvalidOperationException("not a user name");
    public LibCall LibCall => Kind == ExternalNameKind.LibCall ? (LibCall)_payload : throw new InvalidOperationException("not a libcall");
    public KnownSymbol KnownSymbol => Kind == ExternalNameKind.KnownSymbol ? (KnownSymbol)_payload : throw new InvalidOperationException("not a known symbol");

    /// <summary>Raw payload for canonical encoding.</summary>
    public uint Payload => _payload;

    public override string ToString() => Kind switch
    {
        ExternalNameKind.User => UserRef.ToString(),
        ExternalNameKind.LibCall => "%" + LibCall,
        _ => "%" + KnownSymbol,
    };
}
