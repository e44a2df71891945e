namespace Stencil.Ir;

/// <summary>
/// The destinations of one instruction in a fixed order: its direct destinations, then its jump table's
/// default and entries, then (when asked for) its exception table's normal return and handlers, those
/// without arguments because theirs may be <c>retN</c>/<c>exnN</c> placeholders rather than values.
/// Enumerates without allocating, for walks over every instruction, and tolerates what only malformed
/// functions have (missing arrays, a dangling table), because the verifier walks functions it has not judged yet.
/// </summary>
internal readonly struct BranchTargets
{
    private readonly BlockCall[] _direct;
    private readonly BlockCall[] _table;
    private readonly bool _hasTable;
    private readonly BlockCall _tableDefault;
    private readonly ExceptionTableData? _exceptions;

    private BranchTargets(BlockCall[] direct, JumpTableData? table, ExceptionTableData? exceptions)
    {
        _direct = direct;
        _hasTable = table is not null;
        _tableDefault = table?.Default ?? default;
        _table = table?.Table ?? [];
        _exceptions = exceptions;
        Count = direct.Length + (_hasTable ? 1 + _table.Length : 0) + (exceptions is null ? 0 : 1 + (exceptions.Entries?.Length ?? 0));
    }

    public static BranchTargets Of(DataFlowGraph dfg, InstructionData d, bool exceptionEdges)
    {
        var table = d.Format == InstructionFormat.BranchTable && d.JumpTable.Index < (uint)dfg.JumpTables.Count
            ? dfg.JumpTables[(int)d.JumpTable.Index] : null;
        var exceptions = exceptionEdges && d.Format is InstructionFormat.TryCall or InstructionFormat.TryCallIndirect
            && d.ExceptionTable.Index < (uint)dfg.ExceptionTables.Count
            ? dfg.ExceptionTables[(int)d.ExceptionTable.Index] : null;
        return new BranchTargets(d.Destinations ?? [], table, exceptions);
    }

    public int Count { get; }

    public BlockCall this[int i]
    {
        get
        {
            if (i < _direct.Length) return _direct[i];
            i -= _direct.Length;
            if (_hasTable)
            {
                if (i == 0) return _tableDefault;
                if (i - 1 < _table.Length) return _table[i - 1];
                i -= 1 + _table.Length;
            }
            var target = i == 0 ? _exceptions!.NormalReturn : _exceptions!.Entries[i - 1].Target;
            return new BlockCall(target.Block, []);
        }
    }

    public Enumerator GetEnumerator() => new(this);

    public struct Enumerator(BranchTargets targets)
    {
        private int _index = -1;

        public bool MoveNext() => ++_index < targets.Count;

        public readonly BlockCall Current => targets[_index];
    }
}
