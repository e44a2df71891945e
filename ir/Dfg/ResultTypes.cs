namespace Stencil.Ir;

/// <summary>The result types an opcode's rule gives one instruction: up to two held inline (every rule but
/// calls), or a call signature's returns, so that deriving them allocates nothing.</summary>
internal readonly struct ResultTypes
{
    public static readonly ResultTypes None = new(0, IrType.Invalid, IrType.Invalid);

    private readonly IrType _first, _second;
    private readonly List<AbiParam>? _returns;

    private ResultTypes(int count, IrType first, IrType second)
    {
        Count = count;
        _first = first;
        _second = second;
    }

    public ResultTypes(IrType only) : this(1, only, IrType.Invalid) { }
    public ResultTypes(IrType first, IrType second) : this(2, first, second) { }

    public ResultTypes(List<AbiParam> returns)
    {
        _returns = returns;
        Count = returns.Count;
    }

    public int Count { get; }

    public IrType this[int i] => _returns is not null ? _returns[i].Type : i == 0 ? _first : _second;
}
