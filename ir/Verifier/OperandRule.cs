namespace Stencil.Ir.Verification;

/// <summary>What one value operand's type must be.</summary>
internal readonly record struct OperandRule(OperandRuleKind Kind, TypeClass Class = TypeClass.None, IrType Exact = default)
{
    public static readonly OperandRule Ctrl = new(OperandRuleKind.Ctrl);
    public static readonly OperandRule Lane = new(OperandRuleKind.Lane);
    public static readonly OperandRule Address = new(OperandRuleKind.Address);
    public static OperandRule Of(IrType type) => new(OperandRuleKind.Exact, Exact: type);
    public static OperandRule In(TypeClass c) => new(OperandRuleKind.Class, c);

    /// <summary>The required type, or Invalid when the rule is a class; <paramref name="ctrl"/> is the instruction's controlling type.</summary>
    public IrType Required(IrType ctrl) => Kind switch
    {
        OperandRuleKind.Ctrl => ctrl,
        OperandRuleKind.Lane => ctrl.LaneType,
        OperandRuleKind.Exact => Exact,
        _ => IrType.Invalid,
    };

    public bool Accepts(IrType actual, IrType ctrl) => Kind switch
    {
        OperandRuleKind.Class => Class.Admits(actual),
        OperandRuleKind.Address => actual == IrType.I32 || actual == IrType.I64,
        _ => actual == Required(ctrl),
    };

    public string Describe(IrType ctrl) => Kind switch
    {
        OperandRuleKind.Class => Class.Describe(),
        OperandRuleKind.Address => "an address type (i32 or i64)",
        _ => TypeClasses.Text(Required(ctrl)),
    };
}
