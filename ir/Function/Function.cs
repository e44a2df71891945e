using Stencil.Ir.Entities;
using Stencil.Ir.Names;

namespace Stencil.Ir;

/// <summary>A function: its <see cref="FunctionStencil"/> (compiled and cached) plus its
/// <see cref="FunctionParameters"/> (applied when finalizing).</summary>
public sealed class Function
{
    public Function() : this(UserFuncName.Default, new Signature()) { }

    public Function(UserFuncName name, Signature signature)
    {
        Params.Name = name;
        Stencil.Signature = signature;
    }

    public FunctionStencil Stencil { get; } = new();
    public FunctionParameters Params { get; } = new();

    public UserFuncName Name { get => Params.Name; set => Params.Name = value; }
    public Signature Signature { get => Stencil.Signature; set => Stencil.Signature = value; }
    public DataFlowGraph Dfg => Stencil.Dfg;
    public Layout Layout => Stencil.Layout;

    public UserExternalNameRef DeclareImportedUserFunction(UserExternalName name) => Params.EnsureUserFuncName(name);

    public SigRef ImportSignature(Signature signature)
    {
        Dfg.Signatures.Add(signature);
        return new SigRef((uint)(Dfg.Signatures.Count - 1));
    }

    public FuncRef ImportFunction(ExtFuncData data)
    {
        Dfg.ExtFuncs.Add(data);
        return new FuncRef((uint)(Dfg.ExtFuncs.Count - 1));
    }

    /// <summary>Declares a callee by user name with its signature, the usual way a front end imports a function.</summary>
    public FuncRef ImportUserFunction(UserExternalName name, Signature signature, bool colocated = false) =>
        ImportFunction(new ExtFuncData(ExternalName.FromUser(DeclareImportedUserFunction(name)), ImportSignature(signature), colocated));

    public StackSlot CreateSizedStackSlot(StackSlotData data)
    {
        Stencil.SizedStackSlots.Add(data);
        return new StackSlot((uint)(Stencil.SizedStackSlots.Count - 1));
    }

    public GlobalValue CreateGlobalValue(GlobalValueData data)
    {
        Stencil.GlobalValues.Add(data);
        return new GlobalValue((uint)(Stencil.GlobalValues.Count - 1));
    }

    public JumpTable CreateJumpTable(JumpTableData data)
    {
        Dfg.JumpTables.Add(data);
        return new JumpTable((uint)(Dfg.JumpTables.Count - 1));
    }

    public DynamicType CreateDynamicType(DynamicTypeData data)
    {
        Stencil.DynamicTypes.Add(data);
        return new DynamicType((uint)(Stencil.DynamicTypes.Count - 1));
    }

    public ExceptionTable CreateExceptionTable(ExceptionTableData data)
    {
        Dfg.ExceptionTables.Add(data);
        return new ExceptionTable((uint)(Dfg.ExceptionTables.Count - 1));
    }

    public Constant CreateConstant(byte[] data)
    {
        Dfg.Constants.Add(data);
        return new Constant((uint)(Dfg.Constants.Count - 1));
    }

    /// <summary>Sets an instruction's source location; the first non-default location set becomes the base.</summary>
    public void SetSrcLoc(Inst inst, SourceLoc loc)
    {
        if (!loc.IsDefault && Params.BaseSrcLoc.IsDefault) Params.BaseSrcLoc = loc;
        Stencil.SetRelSrcLoc(inst, RelSourceLoc.FromBase(Params.BaseSrcLoc, loc));
    }

    public SourceLoc SrcLoc(Inst inst) => Stencil.SrcLoc(inst).Expand(Params.BaseSrcLoc);
}
