using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Stencil.Build;
using Stencil.Engine.Building;

namespace Stencil.Fault.Tests;

/// <summary>
/// A bug while compiling one function, met by the MSBuild task: one structured error STN9001 at the function's
/// definition, in definition order when several fail, the stack trace only at low importance, no AggregateException,
/// and no object written.
/// </summary>
[TestClass]
public sealed class InternalCompilerErrorTaskTests
{
    private const string Injected = "injected by the test";

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void ABugCompilingAFunctionIsErrorStn9001AtItsDefinition(bool parallel)
    {
        using var dir = new TempDirectory();
        var source = dir.File("module.clif");
        File.Copy(ReferenceBuilds.Source(0), source);
        var (engine, task) = NewTask(dir, source, parallel);

        bool succeeded;
        using (FaultInjection.Inject(at => at == FaultInjection.CompilePrefix + "loop7" ? new InvalidOperationException(Injected) : null))
            succeeded = task.Execute();

        Assert.IsFalse(succeeded);
        var error = engine.Errors.Single();
        Assert.AreEqual("STN9001", error.Code);
        Assert.AreEqual(source, error.File);
        Assert.AreEqual((DefinitionLine(source, "loop7"), 1), (error.LineNumber, error.ColumnNumber));
        Assert.AreEqual($"internal compiler error in %loop7: InvalidOperationException: {Injected}", error.Message);
        Assert.IsFalse(engine.Describe().Contains("AggregateException", StringComparison.Ordinal), engine.Describe());
        Assert.IsTrue(engine.MessagesAt(MessageImportance.Low).Any(m => m.StartsWith("STN9001 details: ", StringComparison.Ordinal) && m.Contains(nameof(FaultInjection), StringComparison.Ordinal)),
            "the stack trace is logged for a detailed log");
        Assert.IsFalse(engine.MessagesAt(MessageImportance.Normal).Concat(engine.MessagesAt(MessageImportance.High)).Any(m => m.Contains(nameof(FaultInjection), StringComparison.Ordinal)),
            "and only there");
        Assert.IsFalse(File.Exists(task.ObjectFile), "no object is written by a build that failed");
    }

    [TestMethod]
    public void SeveralFailingFunctionsAreReportedInDefinitionOrder()
    {
        using var dir = new TempDirectory();
        var source = dir.File("module.clif");
        File.Copy(ReferenceBuilds.Source(0), source);
        string[] failing = ["call5", "arith12", "loop100", "arith3"];
        var (engine, task) = NewTask(dir, source, parallel: true);

        using (FaultInjection.Inject(at => failing.Any(f => at == FaultInjection.CompilePrefix + f) ? new InvalidOperationException(Injected) : null))
            Assert.IsFalse(task.Execute());

        var expected = failing.OrderBy(f => DefinitionLine(source, f)).ToList();
        CollectionAssert.AreEqual(expected.Select(f => $"internal compiler error in %{f}: InvalidOperationException: {Injected}").ToList(),
            engine.Errors.Select(e => e.Message).ToList(), engine.Describe());
        Assert.IsTrue(engine.Errors.All(e => e.Code == "STN9001"), engine.Describe());
    }

    private static int DefinitionLine(string source, string name) =>
        Array.FindIndex(File.ReadAllLines(source), l => l.StartsWith($"function %{name}(", StringComparison.Ordinal)) + 1;

    private static (RecordingBuildEngine Engine, StencilCompile Task) NewTask(TempDirectory dir, string source, bool parallel)
    {
        var engine = new RecordingBuildEngine();
        var task = new StencilCompile
        {
            BuildEngine = engine,
            Sources = [new TaskItem(source)],
            ProjectName = "fault",
            ObjectFile = dir.File("fault.o"),
            EnableCache = false,
            LinkSharedLibrary = false,
            Parallel = parallel,
        };
        return (engine, task);
    }
}
