using Stencil.Ir.Entities;

namespace Stencil.Ir;

/// <summary>
/// One instruction's opcode and operands. Which fields are meaningful depends on <see cref="Format"/>;
/// unused fields keep their defaults so that the canonical encoding can write each format's fields only.
/// <see cref="Args"/> holds the value operands in text order (for stores: value then address; for
/// call_indirect: callee then arguments), never the arguments of branch destinations.
/// </summary>
public sealed class InstructionData
{
    public InstructionData(Opcode opcode, params Value[] args)
    {
        Opcode = opcode;
        Args = args;
    }

    public Opcode Opcode { get; set; }
    public InstructionFormat Format => Opcode.Info().Format;
    public Value[] Args { get; set; }
    /// <summary>The explicit controlling type (<c>iconst.i32</c>, <c>load.i64</c>); Invalid when inferred.</summary>
    public IrType ControllingType { get; set; }
    /// <summary>Integer immediate, or the raw IEEE bits of an f16/f32/f64 constant, or a lane index.</summary>
    public long Imm { get; set; }
    public int Offset { get; set; }
    public IntCC IntCond { get; set; }
    public FloatCC FloatCond { get; set; }
    public MemFlags Flags { get; set; }
    public TrapCode Trap { get; set; }
    public AtomicRmwOp RmwOp { get; set; }
    public FuncRef FuncRef { get; set; }
    public SigRef SigRef { get; set; }
    public StackSlot StackSlot { get; set; }
    public GlobalValue GlobalValue { get; set; }
    public JumpTable JumpTable { get; set; }
    public Constant Constant { get; set; }
    public BlockCall[] Destinations { get; set; } = [];
    /// <summary>The destinations of <c>try_call</c>/<c>try_call_indirect</c>; kept apart from <see cref="Destinations"/>
    /// because their arguments may be <c>retN</c>/<c>exnN</c> placeholders rather than values.</summary>
    public ExceptionTable ExceptionTable { get; set; }
    /// <summary>A dynamic controlling type (<c>splat.dt0</c>); <see cref="ControllingType"/> then holds its base vector type.</summary>
    public DynamicType? DynamicType { get; set; }

    public InstructionData Clone() => (InstructionData)MemberwiseClone() is var c ? WithCopiedArrays(c) : null!;

    private static InstructionData WithCopiedArrays(InstructionData c)
    {
        c.Args = (Value[])c.Args.Clone();
        c.Destinations = Array.ConvertAll(c.Destinations, d => new BlockCall(d.Block, (Value[])d.Args.Clone()));
        return c;
    }
}
