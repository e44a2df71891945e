using Stencil.Ir.Names;

namespace Stencil.Engine.Compilation;

/// <summary>A relocation target after finalization: a real user name, a libcall or a known symbol.</summary>
public readonly record struct FinalRelocTarget(ExternalNameKind Kind, UserExternalName User, LibCall LibCall, KnownSymbol KnownSymbol)
{
    public static FinalRelocTarget FromUser(UserExternalName name) => new(ExternalNameKind.User, name, default, default);
    public static FinalRelocTarget FromLibCall(LibCall call) => new(ExternalNameKind.LibCall, default, call, default);
    public static FinalRelocTarget FromKnownSymbol(KnownSymbol symbol) => new(ExternalNameKind.KnownSymbol, default, default, symbol);

    /// <summary>The symbol an object file binds this target to.</summary>
    public string SymbolName => Kind switch
    {
        ExternalNameKind.User => User.ObjectSymbolName,
        ExternalNameKind.LibCall => LibCall.SymbolName(),
        _ => KnownSymbol.SymbolName(),
    };
}
