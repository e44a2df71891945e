using Stencil.Ir.Names;

namespace Stencil.Engine.Module;

/// <summary>What a relocation in module code points at: a declared function or data object, or a
/// symbol fixed by the runtime (libcall) or the platform (known symbol).</summary>
public readonly record struct ModuleRelocTarget
{
    private readonly uint _value;

    private ModuleRelocTarget(ModuleRelocTargetKind kind, uint value) { Kind = kind; _value = value; }

    public ModuleRelocTargetKind Kind { get; }

    public static ModuleRelocTarget Function(FuncId id) => new(ModuleRelocTargetKind.Function, id.Index);
    public static ModuleRelocTarget Data(DataId id) => new(ModuleRelocTargetKind.Data, id.Index);
    public static ModuleRelocTarget Of(LibCall call) => new(ModuleRelocTargetKind.LibCall, (uint)call);
    public static ModuleRelocTarget Of(KnownSymbol symbol) => new(ModuleRelocTargetKind.KnownSymbol, (uint)symbol);

    public static implicit operator ModuleRelocTarget(FuncId id) => Function(id);
    public static implicit operator ModuleRelocTarget(DataId id) => Data(id);
    public static implicit operator ModuleRelocTarget(LibCall call) => Of(call);
    public static implicit operator ModuleRelocTarget(KnownSymbol symbol) => Of(symbol);

    public FuncId FuncId => Kind == ModuleRelocTargetKind.Function ? new FuncId(_value) : throw WrongKind(ModuleRelocTargetKind.Function);
    public DataId DataId => Kind == ModuleRelocTargetKind.Data ? new DataId(_value) : throw WrongKind(ModuleRelocTargetKind.Data);
    public LibCall LibCall => Kind == ModuleRelocTargetKind.LibCall ? (LibCall)_value : throw WrongKind(ModuleRelocTargetKind.LibCall);
    public KnownSymbol KnownSymbol => Kind == ModuleRelocTargetKind.KnownSymbol ? (KnownSymbol)_value : throw WrongKind(ModuleRelocTargetKind.KnownSymbol);

    private InvalidOperationException WrongKind(ModuleRelocTargetKind wanted) =>
        new($"relocation target is a {Kind}, not a {wanted}");

    public override string ToString() => Kind switch
    {
        ModuleRelocTargetKind.Function => new FuncId(_value).ToString(),
        ModuleRelocTargetKind.Data => new DataId(_value).ToString(),
        ModuleRelocTargetKind.LibCall => "%" + (LibCall)_value,
        _ => "%" + (KnownSymbol)_value,
    };
}
