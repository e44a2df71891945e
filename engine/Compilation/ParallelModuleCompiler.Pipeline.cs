using Stencil.Ir.Diagnostics;
using Stencil.Ir.Keys;

namespace Stencil.Engine.Compilation;

/// <summary>
/// The schedule: one pipeline over the whole module with no barrier. Each worker takes one item at a time: a compile
/// when one is ready (the largest IR first), else the next function to key (translating it, for IR made on demand).
/// Whoever completes a batch's last key prepares it (owners, cache lookups), making its compiles ready; whoever
/// completes a batch's last compile finishes it (diagnostics, stores, releasing its IR). Preparing and finishing are
/// serial and in batch order, so owners, diagnostics and stores are as a sequential compile makes them; the other worker
/// goes on meanwhile. Keying runs at most <see cref="BatchesInFlight"/> batches ahead of the first unfinished one,
/// which bounds the IR held; results go to slots by function index, so the order of work changes nothing but the time.
/// </summary>
public sealed partial class ParallelModuleCompiler
{
    /// <summary>
    /// Batches keyed, compiling or waiting to finish at once: enough that a worker never waits for the other's long
    /// function at the end of a batch (a batch is a few times the largest function's time).
    /// </summary>
    private const int BatchesInFlight = 3;

    /// <summary>What the workers of one <see cref="Compile"/> share; scheduling state under <see cref="Gate"/>.</summary>
    private sealed class Run(IReadOnlyList<ModuleFunction> functions, int batchSize, CancellationToken ct)
    {
        public IReadOnlyList<ModuleFunction> Functions { get; } = functions;
        public int BatchSize { get; } = batchSize;
        public int BatchCount { get; } = (functions.Count + batchSize - 1) / batchSize;
        public CancellationToken Cancellation { get; } = ct;
        public CacheKey[] Keys { get; } = new CacheKey[functions.Count];
        public CompiledCodeStencil?[] Code { get; } = new CompiledCodeStencil?[functions.Count];
        /// <summary>A bug while keying a function; the batch it is in stops the compile.</summary>
        public Diagnostic?[] KeyErrors { get; } = new Diagnostic?[functions.Count];

        // Touched only by preparing and finishing, which hold SerialGate.
        public object SerialGate { get; } = new();
        /// <summary>The first function with a key owns it; later ones reuse its code.</summary>
        public Dictionary<CacheKey, int> Owner { get; } = new(functions.Count);
        public List<Diagnostic> Diagnostics { get; } = [];
        public int Cached, Compiled, Deduplicated;
        public bool StoreFailed;

        public object Gate { get; } = new();
        /// <summary>Compiles ready to take, the largest IR first.</summary>
        public PriorityQueue<int, (int Size, int Index)> Ready { get; } = new(Comparer<(int Size, int Index)>.Create((a, b) =>
            a.Size != b.Size ? b.Size.CompareTo(a.Size) : a.Index.CompareTo(b.Index)));
        public Batch?[] Batches { get; } = new Batch?[(functions.Count + batchSize - 1) / batchSize];
        public int[] KeysPending { get; } = BatchLengths(functions.Count, batchSize);
        public int[] CompilesPending { get; } = new int[(functions.Count + batchSize - 1) / batchSize];
        public int NextKey, Prepared, Finished, Taken;
        /// <summary>The last batch to prepare: one that stops the compile ends it.</summary>
        public int StopAt = int.MaxValue;
        public bool Stopped;
        public ModuleCompileResult? Failure;

        public int KeyLimit => (int)Math.Min(Functions.Count, Math.Min((long)Finished + BatchesInFlight, (long)StopAt + 1) * BatchSize);

        private static int[] BatchLengths(int n, int size)
        {
            var lengths = new int[(n + size - 1) / size];
            for (int b = 0; b < lengths.Length; b++) lengths[b] = Math.Min(size, n - b * size);
            return lengths;
        }
    }

    private void RunPipeline(Run run)
    {
        if (run.BatchCount == 0) return;
        using var wake = run.Cancellation.Register(() => { lock (run.Gate) Monitor.PulseAll(run.Gate); });
        int workers = Math.Min(DegreeOfParallelism, run.Functions.Count);
        int phase = Trace?.BeginPhase() ?? 0;
        // Dedicated threads, not the thread pool: a worker blocks while it waits for another's item, and pool threads
        // that block make the pool add threads only after a delay (a one-function rebuild waited 0.5-1 s for one).
        var errors = new Exception?[workers];
        var threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            int k = w;
            threads[w - 1] = new Thread(() => { try { Worker(run, phase); } catch (Exception e) { errors[k] = e; } }) { IsBackground = true, Name = "stencil compile" };
            threads[w - 1].Start();
        }
        try { Worker(run, phase); } catch (Exception e) { errors[0] = e; }
        foreach (var t in threads) t.Join();
        var thrown = errors.OfType<Exception>().ToArray();
        if (thrown.Length == 0) return;
        run.Cancellation.ThrowIfCancellationRequested();
        throw new AggregateException(thrown);
    }

    private void Worker(Run run, int phase)
    {
        var trace = Trace;
        var ctx = new Context(isa);
        try
        {
            while (Take(run, out int item, out int order, out var batch))
            {
                long cpu = trace is null ? 0 : ThreadCpuClock.NowNs();
                int i = item >= 0 ? item : ~item;
                if (item >= 0) ctx = CompileOne(run, batch!, i, ctx);
                else Key(run, i);
                trace?.Item(phase, order, item >= 0, ThreadCpuClock.NowNs() - cpu);
                bool batchDone;
                lock (run.Gate) batchDone = item >= 0 ? --run.CompilesPending[i / run.BatchSize] == 0 : --run.KeysPending[i / run.BatchSize] == 0;
                if (batchDone) Advance(run);
            }
        }
        catch
        {
            // The other workers would wait for this one's item forever.
            lock (run.Gate) { run.Stopped = true; Monitor.PulseAll(run.Gate); }
            throw;
        }
    }

    /// <summary>The next item (a function index to compile, or ~index to key); false when the compile is over.</summary>
    private static bool Take(Run run, out int item, out int order, out Batch? batch)
    {
        lock (run.Gate)
        {
            while (true)
            {
                run.Cancellation.ThrowIfCancellationRequested();
                batch = null;
                order = run.Taken++;
                if (run.Stopped || run.Finished == run.BatchCount) { item = 0; return false; }
                if (run.Ready.TryDequeue(out item, out _)) { batch = run.Batches[item / run.BatchSize]; return true; }
                if (run.NextKey < run.KeyLimit) { item = ~run.NextKey++; return true; }
                run.Taken--;
                Monitor.Wait(run.Gate);
            }
        }
    }

    /// <summary>Prepares and finishes every batch that can be, in order; one worker at a time.</summary>
    private void Advance(Run run)
    {
        lock (run.SerialGate)
        {
            while (true)
            {
                int b;
                bool prepare;
                lock (run.Gate)
                {
                    if (run.Stopped) return;
                    if (run.Prepared < run.BatchCount && run.Prepared <= run.StopAt && run.KeysPending[run.Prepared] == 0) (b, prepare) = (run.Prepared, true);
                    else if (run.Finished < run.Prepared && run.CompilesPending[run.Finished] == 0) (b, prepare) = (run.Finished, false);
                    else return;
                }
                if (prepare)
                {
                    var batch = Prepare(run, b);
                    lock (run.Gate)
                    {
                        run.Batches[b] = batch;
                        foreach (int i in batch.ToCompile)
                            run.Ready.Enqueue(i, (run.Functions[i].PeekFunction?.Stencil.Dfg.NumInsts ?? int.MaxValue, i));
                        run.CompilesPending[b] = batch.Misses.Count + batch.Verify.Count;
                        if (batch.Stops) run.StopAt = b;
                        run.Prepared++;
                        Monitor.PulseAll(run.Gate);
                    }
                }
                else
                {
                    var failed = Finish(run, run.Batches[b]!);
                    lock (run.Gate)
                    {
                        run.Batches[b] = null;
                        run.Finished++;
                        if (failed is not null) (run.Failure, run.Stopped) = (failed, true);
                        Monitor.PulseAll(run.Gate);
                    }
                }
            }
        }
    }
}
