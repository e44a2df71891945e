using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Stencil.Engine.Compilation;

/// <summary>
/// Where one module compile spends its time, to find what of it is serial: the stages run by the calling thread
/// (wall, process CPU and bytes allocated; a stage that is parallel inside says so), and every item of the compiler's parallel phases
/// (each function's compile or keying, with its thread CPU time and the order workers took it in). From the item
/// costs, <see cref="Summary"/> models the compile on one and two workers: as scheduled (a barrier at each phase's end)
/// and as one barrier-free list. Thread CPU, not wall, so the model holds on a loaded machine.
/// <para>
/// Made only when <see cref="EnvironmentVariable"/> names a file; each compile appends one summary line to it.
/// </para>
/// </summary>
public sealed class CompileTrace
{
    public const string EnvironmentVariable = "STENCIL_TRACE_PARALLEL";

    private readonly string _name;
    private readonly int _workers;
    private readonly string? _path;
    private readonly List<Stage> _stages = [];
    private readonly List<List<PhaseItem>> _phases = [];
    private readonly object _gate = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _gcPauseAtStart = GC.GetTotalPauseDuration();
    private readonly int _gcsAtStart = GC.CollectionCount(0);
    private long _last;
    private TimeSpan _lastCpu;
    private long _lastAllocated;

    public CompileTrace(string name, int workers, string? path = null)
    {
        (_name, _workers, _path) = (name, workers, path);
        _last = _start;
        _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _lastAllocated = GC.GetTotalAllocatedBytes(precise: true);
    }

    /// <summary>A trace that appends to the file <see cref="EnvironmentVariable"/> names; null when it names none.</summary>
    public static CompileTrace? FromEnvironment(string name, int workers) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? new CompileTrace(name, workers, path) : null;

    private readonly record struct Stage(string Name, TraceStage Kind, double WallMs, double CpuMs, double AllocatedMb);

    private readonly record struct PhaseItem(int Order, bool IsCompile, long CpuNs);

    /// <summary>Ends <paramref name="stage"/>, running on the calling thread since the last mark; a stage marked again
    /// (once per batch) adds to its first entry.</summary>
    public void Mark(string stage, TraceStage kind = TraceStage.Serial)
    {
        var now = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var add = new Stage(stage, kind, Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds, (cpu - _lastCpu).TotalMilliseconds,
            (allocated - _lastAllocated) / 1048576.0);
        int at = _stages.FindIndex(x => x.Name == stage);
        if (at < 0) _stages.Add(add);
        else _stages[at] = add with { WallMs = _stages[at].WallMs + add.WallMs, CpuMs = _stages[at].CpuMs + add.CpuMs, AllocatedMb = _stages[at].AllocatedMb + add.AllocatedMb };
        (_last, _lastCpu, _lastAllocated) = (now, cpu, allocated);
    }

    /// <summary>Starts a parallel phase; its items go to the number returned.</summary>
    public int BeginPhase()
    {
        lock (_gate)
        {
            _phases.Add([]);
            return _phases.Count - 1;
        }
    }

    /// <summary>One item of a phase, taken <paramref name="order"/>th, that ran on its worker for <paramref name="cpuNs"/>.</summary>
    public void Item(int phase, int order, bool isCompile, long cpuNs)
    {
        lock (_gate) _phases[phase].Add(new PhaseItem(order, isCompile, cpuNs));
    }

    /// <summary>One line: the stages, the phases' work, the modelled one- and two-worker times, the GCs.</summary>
    public string Summary()
    {
        var s = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        double wall = Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
        // Stages as wall ms/process CPU ms/MB allocated (every thread's); * spreads its work itself, ** is the phases
        // (their work is the items').
        s.Append(ci, $"{_name} workers={_workers} wall={wall:F1}ms gcs={GC.CollectionCount(0) - _gcsAtStart} gc-pause={(GC.GetTotalPauseDuration() - _gcPauseAtStart).TotalMilliseconds:F1}ms |");
        double serialCpu = 0, parallelCpu = 0;
        foreach (var st in _stages)
        {
            s.Append(ci, $" {st.Name}{st.Kind switch { TraceStage.Parallel => "*", TraceStage.Phases => "**", _ => "" }} {st.WallMs:F1}/{st.CpuMs:F1}/{st.AllocatedMb:F1}");
            if (st.Kind == TraceStage.Parallel) parallelCpu += st.CpuMs;
            else if (st.Kind == TraceStage.Serial) serialCpu += st.CpuMs;
        }
        var phases = _phases.Select(p => p.OrderBy(i => i.Order).Select(i => i.CpuNs / 1e6).ToArray()).ToArray();
        double work = phases.Sum(p => p.Sum());
        double compileWork = _phases.Sum(p => p.Where(i => i.IsCompile).Sum(i => i.CpuNs / 1e6));
        double largest = phases.Length == 0 ? 0 : phases.Max(p => p.Length == 0 ? 0 : p.Max());
        double barriers2 = phases.Sum(p => Makespan(p, 2));
        double free2 = Makespan(phases.SelectMany(p => p).ToArray(), 2);
        double one = serialCpu + parallelCpu + work;
        double two = serialCpu + parallelCpu / 2 + barriers2;
        double twoFree = serialCpu + parallelCpu / 2 + free2;
        s.Append(ci, $" | phases={phases.Length} items={phases.Sum(p => p.Length)} item-cpu={work:F1}ms (compile {compileWork:F1}) largest={largest:F1}ms");
        s.Append(ci, $" | model: 1 worker {one:F1}ms, 2 workers {two:F1}ms ({one / two:F2}x) with barriers, {twoFree:F1}ms ({one / twoFree:F2}x) barrier-free; serial {serialCpu:F1}ms ({serialCpu / one:P1})");
        return s.ToString();
    }

    /// <summary>Appends <see cref="Summary"/> to the trace's file, if it has one.</summary>
    public void Write()
    {
        if (_path is null) return;
        lock (typeof(CompileTrace)) File.AppendAllText(_path, Summary() + Environment.NewLine);
    }

    /// <summary>How long <paramref name="workers"/> take over <paramref name="costs"/>, each taking the next item when free.</summary>
    internal static double Makespan(double[] costs, int workers)
    {
        var free = new double[workers];
        foreach (var c in costs)
        {
            int w = 0;
            for (int k = 1; k < workers; k++) if (free[k] < free[w]) w = k;
            free[w] += c;
        }
        return free.Length == 0 ? 0 : free.Max();
    }
}

/// <summary>What a <see cref="CompileTrace"/> stage is to the model: run by one thread, parallel within itself (half its
/// CPU on two workers), or the compiler's phases (modelled from their items instead).</summary>
public enum TraceStage
{
    Serial,
    Parallel,
    Phases,
}
