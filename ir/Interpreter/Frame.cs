namespace Stencil.Ir.Interpretation;

/// <summary>The state of one active function: its SSA values and where its stack slots live.</summary>
internal sealed class Frame
{
    public Frame(Function function, DataValue[] entryArgs, ulong frameBase, ulong[] slotBases, int memoryMark)
    {
        Function = function;
        EntryArgs = entryArgs;
        FrameBase = frameBase;
        Values = new DataValue[function.Dfg.NumValues];
        SlotBases = slotBases;
        MemoryMark = memoryMark;
    }

    public Function Function { get; }
    /// <summary>The arguments the frame was entered with; vmctx global values read from them.</summary>
    public DataValue[] EntryArgs { get; }
    public DataValue[] Values { get; }
    public ulong FrameBase { get; }
    public ulong[] SlotBases { get; }
    public int MemoryMark { get; }

    public DataValue Get(Entities.Value v) => Values[(int)Function.Dfg.ResolveAliases(v).Index];
    public void Set(Entities.Value v, DataValue value) => Values[(int)v.Index] = value;
}
