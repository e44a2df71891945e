using Stencil.Engine.Compilation;

namespace Stencil.Engine.Tests.Compilation;

/// <summary>The trace's model of a compile on N workers, which the parallel work is judged by.</summary>
[TestClass]
public sealed class CompileTraceTests
{
    [TestMethod]
    public void WorkersTakeTheNextItemWhenFree()
    {
        Assert.AreEqual(6.0, CompileTrace.Makespan([1, 2, 3], 1));
        // 3 then 1+1+1 on the other: the long item first ends with both done at once.
        Assert.AreEqual(3.0, CompileTrace.Makespan([3, 1, 1, 1], 2));
        // Taken last, the long item ends alone.
        Assert.AreEqual(4.0, CompileTrace.Makespan([1, 1, 1, 3], 2));
        Assert.AreEqual(0.0, CompileTrace.Makespan([], 2));
    }

    [TestMethod]
    public void TheSummaryModelsSerialStagesAtFullCostAndParallelOnesHalved()
    {
        var trace = new CompileTrace("m", 2);
        trace.Mark("serial");
        trace.Mark("spread", TraceStage.Parallel);
        int phase = trace.BeginPhase();
        trace.Item(phase, 1, isCompile: true, 4_000_000);
        trace.Item(phase, 0, isCompile: false, 4_000_000);
        var summary = trace.Summary();
        StringAssert.Contains(summary, "m workers=2");
        StringAssert.Contains(summary, " serial ");
        StringAssert.Contains(summary, " spread* ");
        StringAssert.Contains(summary, "items=2 item-cpu=8.0ms (compile 4.0)");
    }
}
