namespace Stencil.Isa.Backend;

/// <summary>
/// A function lowered to machine instructions over virtual registers, block by block in emission
/// order (block 0 is the entry). Block parameters no longer exist here: lowering turned them into
/// copies on the edges, so the code is plain (non-SSA) register code.
/// </summary>
public sealed class VCode<TInst> where TInst : IMachInst
{
    private readonly List<RegClass> _vregClasses = [];

    public List<TInst> Insts { get; } = [];
    /// <summary>Source location of each instruction (parallel to <see cref="Insts"/>).</summary>
    public List<Stencil.Ir.RelSourceLoc> SrcLocs { get; } = [];
    /// <summary>The location <see cref="Push"/> records; lowering sets it per IR instruction.</summary>
    public Stencil.Ir.RelSourceLoc CurrentSrcLoc { get; set; } = Stencil.Ir.RelSourceLoc.Default;
    public List<VCodeBlock> Blocks { get; } = [];
    public int NumVRegs => _vregClasses.Count;

    public Reg NewVReg(RegClass cls)
    {
        _vregClasses.Add(cls);
        return Reg.Virt(_vregClasses.Count - 1, cls);
    }

    public RegClass VRegClass(int index) => _vregClasses[index];

    /// <summary>Starts a new block at the current end of the instruction list and returns its index.</summary>
    public int StartBlock()
    {
        if (Blocks.Count > 0) Blocks[^1].End = Insts.Count;
        Blocks.Add(new VCodeBlock(Insts.Count));
        return Blocks.Count - 1;
    }

    /// <summary>Closes the last block; call once after lowering.</summary>
    public void Seal()
    {
        if (Blocks.Count > 0) Blocks[^1].End = Insts.Count;
    }

    public void Push(TInst inst)
    {
        Insts.Add(inst);
        SrcLocs.Add(CurrentSrcLoc);
    }
}
