namespace Stencil.Isa.Backend;

/// <summary>
/// Orders a set of simultaneous copies (block arguments into block parameters) into sequential ones.
/// A copy is safe once nothing still pending reads its destination; what remains is cycles, each
/// broken by saving one value in a fresh temporary.
/// </summary>
public static class ParallelMoves
{
    /// <param name="moves">Copies to perform at once; destinations must be distinct.</param>
    /// <param name="newTemp">Makes a temporary of the given source register's class.</param>
    public static List<(Reg Dst, Reg Src)> Sequentialize(IReadOnlyList<(Reg Dst, Reg Src)> moves, Func<Reg, Reg> newTemp)
    {
        var pending = t_pending ??= [];
        pending.Clear();
        for (int i = 0; i < moves.Count; i++)
            if (moves[i].Dst != moves[i].Src) pending.Add(moves[i]);
        var result = new List<(Reg, Reg)>(pending.Count + 1);
        while (pending.Count > 0)
        {
            int ready = FirstReady(pending);
            if (ready >= 0)
            {
                result.Add(pending[ready]);
                pending.RemoveAt(ready);
                continue;
            }
            // Every pending destination is still read by another copy: a cycle. Park one source.
            var first = pending[0];
            var temp = newTemp(first.Src);
            result.Add((temp, first.Src));
            for (int i = 0; i < pending.Count; i++)
                if (pending[i].Src == first.Src) pending[i] = (pending[i].Dst, temp);
        }
        return result;
    }

    /// <summary>Reused by each call on a thread: lowering sequentializes the copies of every edge.</summary>
    [ThreadStatic] private static List<(Reg Dst, Reg Src)>? t_pending;

    /// <summary>The first pending copy whose destination no pending copy reads, or -1. (Plain loops: this runs for every
    /// edge with arguments, and predicate closures would allocate per copy.)</summary>
    private static int FirstReady(List<(Reg Dst, Reg Src)> pending)
    {
        for (int i = 0; i < pending.Count; i++)
        {
            bool read = false;
            for (int j = 0; j < pending.Count && !read; j++) read = pending[j].Src == pending[i].Dst;
            if (!read) return i;
        }
        return -1;
    }
}
