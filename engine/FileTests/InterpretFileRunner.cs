using Stencil.Ir.Interpretation;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;

namespace Stencil.Engine.FileTests;

/// <summary><c>test interpret</c> for one file: every directive is evaluated by the IR interpreter, with all the
/// file's functions reachable by name. What the interpreter reports as unsupported is counted as such.</summary>
internal static class InterpretFileRunner
{
    public static void Run(ClifFile file, IReadOnlyList<(ClifDirective Directive, ClifFunction Owner)> directives, List<DirectiveResult> results)
    {
        var module = new InterpreterModule();
        var broken = new Dictionary<ClifFunction, string>();
        foreach (var f in file.Functions)
        {
            var verify = Verifier.Verify(f.Function, f.PositionOf, f.Location.File);
            if (verify.Count > 0) broken[f] = "does not verify: " + verify[0].Message;
            else module.Add(f.Function);
        }
        foreach (var (d, owner) in directives)
        {
            if (!PreparedRun.TryPrepare(d, owner, file.Functions, out var run, out var error))
            {
                results.Add(Result(d, DirectiveOutcome.Failed, error));
                continue;
            }
            if (broken.TryGetValue(run.Target, out var why))
            {
                results.Add(Result(d, DirectiveOutcome.Failed, why));
                continue;
            }
            var args = run.Arguments.Select(a => DataValue.FromBits(a.Type, a.Bits)).ToArray();
            InterpreterResult outcome;
            try
            {
                outcome = Interpreter.Call(module, run.Target.Function, args);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One directive's interpreter failure must not hide the results of the rest of the file.
                results.Add(Result(d, DirectiveOutcome.Failed, $"the interpreter failed: {e.GetType().Name}: {e.Message}"));
                continue;
            }
            if (outcome.Unsupported is { } unsupported)
            {
                results.Add(Result(d, DirectiveOutcome.Unsupported, "the interpreter does not support " + unsupported));
                continue;
            }
            if (outcome.Trap is { } trap)
            {
                results.Add(run.CheckTrap(trap, out var trapMessage) ? Result(d, DirectiveOutcome.Passed, null) : Result(d, DirectiveOutcome.Failed, trapMessage));
                continue;
            }
            var actual = outcome.Returns.Select(v => TestValue.Of(v.Type, v.Bits)).ToArray();
            results.Add(run.Check(actual, out var message) ? Result(d, DirectiveOutcome.Passed, null) : Result(d, DirectiveOutcome.Failed, message));
        }
    }

    private static DirectiveResult Result(ClifDirective d, DirectiveOutcome outcome, string? message) =>
        new(FileTestMode.Interpret, d.Location, d.Text.Length == 0 ? "run" : d.Text, outcome, message);
}
