using Stencil.Ir.Collections;

namespace Stencil.Isa.Backend;

/// <summary>
/// The live ranges <see cref="Liveness"/> finds, in the order it finds them, as (register, range) pairs;
/// <see cref="GroupAndMerge"/> turns them into each register's sorted, merged slice of one flat array. One flat buffer
/// instead of a growing list per register, reused from function to function, keeps allocation out of liveness.
/// </summary>
internal sealed class RangeBuffer
{
    private int[] _regs = new int[256];
    private LiveRange[] _found = new LiveRange[256];
    private int[] _next = [];
    private int _count;

    public void Clear() => _count = 0;

    public void Add(int reg, LiveRange range)
    {
        if (_count == _regs.Length)
        {
            Array.Resize(ref _regs, _count * 2);
            Array.Resize(ref _found, _count * 2);
        }
        _regs[_count] = reg;
        _found[_count++] = range;
    }

    /// <summary>Each register's ranges sorted by start, touching or overlapping ones merged (a register defined
    /// twice in a block, or live through consecutive blocks, gives several): register <c>r</c>'s are
    /// <paramref name="ranges"/>[<paramref name="starts"/>[r] .. <paramref name="starts"/>[r + 1]).</summary>
    public void GroupAndMerge(int registers, ref LiveRange[] ranges, ref int[] starts)
    {
        ScratchArray.Grow(ref starts, registers + 1);
        ScratchArray.Grow(ref ranges, Math.Max(_count, 1));
        ScratchArray.Grow(ref _next, registers);
        var start = starts;
        var next = _next;
        var grouped = ranges;
        Array.Clear(start, 0, registers + 1);
        for (int i = 0; i < _count; i++) start[_regs[i] + 1]++;
        for (int r = 0; r < registers; r++) start[r + 1] += start[r];
        Array.Copy(start, next, registers);
        for (int i = 0; i < _count; i++) grouped[next[_regs[i]]++] = _found[i];

        // Merged in place: a register's merged ranges are written at or before where its own began.
        int written = 0;
        for (int r = 0; r < registers; r++)
        {
            int from = start[r], to = start[r + 1];
            start[r] = written;
            // Most registers (block-local temporaries) have one range: nothing to sort or merge.
            if (to - from == 1)
            {
                grouped[written++] = grouped[from];
                continue;
            }
            SortByStart(grouped.AsSpan(from, to - from));
            int first = written;
            for (int k = from; k < to; k++)
            {
                var range = grouped[k];
                if (written > first && range.From <= grouped[written - 1].To + 1)
                    grouped[written - 1] = new LiveRange(grouped[written - 1].From, Math.Max(grouped[written - 1].To, range.To));
                else grouped[written++] = range;
            }
        }
        start[registers] = written;
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
}
