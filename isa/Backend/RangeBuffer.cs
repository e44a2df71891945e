using System.Buffers;

namespace Stencil.Isa.Backend;

/// <summary>
/// The live ranges <see cref="Liveness"/> finds, in the order it finds them, as (register, range) pairs in pooled
/// arrays; <see cref="GroupAndMerge"/> turns them into each register's sorted, merged list. One flat buffer instead of a
/// growing list per register keeps the allocation per function to the final lists.
/// </summary>
internal struct RangeBuffer : IDisposable
{
    private int[] _regs;
    private LiveRange[] _ranges;
    private int _count;

    public RangeBuffer()
    {
        _regs = ArrayPool<int>.Shared.Rent(256);
        _ranges = ArrayPool<LiveRange>.Shared.Rent(256);
    }

    public void Add(int reg, LiveRange range)
    {
        if (_count == _regs.Length) Grow();
        _regs[_count] = reg;
        _ranges[_count++] = range;
    }

    /// <summary>Each register's ranges sorted by start, touching or overlapping ones merged (a register defined
    /// twice in a block, or live through consecutive blocks, gives several).</summary>
    public readonly List<LiveRange>[] GroupAndMerge(int registers)
    {
        var start = new int[registers + 1];
        for (int i = 0; i < _count; i++) start[_regs[i] + 1]++;
        for (int r = 0; r < registers; r++) start[r + 1] += start[r];
        var grouped = ArrayPool<LiveRange>.Shared.Rent(Math.Max(_count, 1));
        var next = (int[])start.Clone();
        for (int i = 0; i < _count; i++) grouped[next[_regs[i]]++] = _ranges[i];

        var lists = new List<LiveRange>[registers];
        for (int r = 0; r < registers; r++)
        {
            var mine = grouped.AsSpan(start[r], start[r + 1] - start[r]);
            SortByStart(mine);
            var list = new List<LiveRange>(mine.Length);
            foreach (var range in mine)
            {
                if (list.Count > 0 && range.From <= list[^1].To + 1) list[^1] = new LiveRange(list[^1].From, Math.Max(list[^1].To, range.To));
                else list.Add(range);
            }
            lists[r] = list;
        }
        ArrayPool<LiveRange>.Shared.Return(grouped);
        return lists;
    }

    /// <summary>Sorts by start, then end. A register's ranges arrive as one descending run per block (each block is
    /// walked from its end), blocks in order, so reversing the runs sorts them and the insertion sort after it only
    /// checks; it would still sort anything else.</summary>
    private static void SortByStart(Span<LiveRange> ranges)
    {
        for (int i = 0; i < ranges.Length;)
        {
            int j = i;
            while (j + 1 < ranges.Length && !Before(ranges[j], ranges[j + 1])) j++;
            ranges[i..(j + 1)].Reverse();
            i = j + 1;
        }
        for (int i = 1; i < ranges.Length; i++)
        {
            var x = ranges[i];
            int j = i - 1;
            while (j >= 0 && Before(x, ranges[j]))
            {
                ranges[j + 1] = ranges[j];
                j--;
            }
            ranges[j + 1] = x;
        }
    }

    private static bool Before(LiveRange a, LiveRange b) => a.From != b.From ? a.From < b.From : a.To < b.To;

    private void Grow()
    {
        var regs = ArrayPool<int>.Shared.Rent(_regs.Length * 2);
        var ranges = ArrayPool<LiveRange>.Shared.Rent(_ranges.Length * 2);
        _regs.AsSpan(0, _count).CopyTo(regs);
        _ranges.AsSpan(0, _count).CopyTo(ranges);
        ArrayPool<int>.Shared.Return(_regs);
        ArrayPool<LiveRange>.Shared.Return(_ranges);
        _regs = regs;
        _ranges = ranges;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_regs);
        ArrayPool<LiveRange>.Shared.Return(_ranges);
        _regs = [];
        _ranges = [];
    }
}
