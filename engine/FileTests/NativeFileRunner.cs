using Stencil.Engine.Building;
using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Names;
using Stencil.Ir.Text;
using Stencil.Ir.Verification;
using Stencil.Isa;

namespace Stencil.Engine.FileTests;

/// <summary>
/// <c>test run</c> for one file: compiles every function once for the host into one <see cref="JitModule"/>, with a
/// trampoline per signature, and executes each directive in a forked child (<see cref="ForkedCaller"/>) so a trap
/// or crash in generated code is a failed directive, not a dead runner. A function the backend cannot compile
/// (STN3xxx), or one calling such a function, makes its directives unsupported.
/// </summary>
internal static class NativeFileRunner
{
    public static void Run(ClifFile file, IReadOnlyList<(ClifDirective Directive, ClifFunction Owner)> directives, FileTestOptions options, List<DirectiveResult> results)
    {
        if (!TryCreateIsa(file, options, out var isa, out var isaProblem))
        {
            foreach (var (d, _) in directives) results.Add(Result(d, isaProblem.Outcome, isaProblem.Message));
            return;
        }
        var context = new Context(isa);
        var (compiled, status, bySymbol) = CompileAll(file, context);
        var symbols = new NativeSymbols();
        PropagateCalleeProblems(compiled, status, bySymbol, target => target.Kind switch
        {
            ExternalNameKind.User when !symbols.TryResolve(target.SymbolName, out _) =>
                FunctionStatus.Failed($"refers to `{target.SymbolName}`, which is neither in the file nor in the process"),
            ExternalNameKind.LibCall when !symbols.TryResolve(target.LibCall, out _) =>
                FunctionStatus.Unsupported($"the libcall {target.LibCall} has no implementation in this process"),
            ExternalNameKind.KnownSymbol => FunctionStatus.Unsupported($"the JIT cannot bind {target.KnownSymbol}"),
            _ => null,
        });

        using var module = new JitModule(symbols);
        var trampolines = new JitTrampolines(module, context);
        var prepared = new List<(ClifDirective Directive, PreparedRun? Run, string? Error)>();
        foreach (var (d, owner) in directives)
            prepared.Add(PreparedRun.TryPrepare(d, owner, file.Functions, out var run, out var error) ? (d, run, null) : (d, null, error));

        foreach (var (f, code) in compiled)
            if (!status.ContainsKey(f)) module.DefineCompiledCode(code, Linkage.Export);
        var trampolineOf = new Dictionary<ClifFunction, FuncId>();
        var trampolineProblem = new Dictionary<ClifFunction, FunctionStatus>();
        foreach (var (_, run, _) in prepared)
        {
            if (run is null || status.ContainsKey(run.Target) || trampolineOf.ContainsKey(run.Target) || trampolineProblem.ContainsKey(run.Target)) continue;
            try
            {
                trampolineOf[run.Target] = trampolines.GetOrDefine(run.Target.Function.Signature);
            }
            catch (DiagnosticException e)
            {
                trampolineProblem[run.Target] = Classify(e.Diagnostic, "calling it from the host");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                trampolineProblem[run.Target] = FunctionStatus.Failed($"the backend failed compiling the host trampoline: {e.GetType().Name}: {e.Message}");
            }
        }
        module.FinalizeDefinitions();

        foreach (var (d, run, error) in prepared)
        {
            if (run is null) { results.Add(Result(d, DirectiveOutcome.Failed, error)); continue; }
            if (status.TryGetValue(run.Target, out var problem) || trampolineProblem.TryGetValue(run.Target, out problem))
            {
                results.Add(Result(d, problem.Outcome, problem.Message));
                continue;
            }
            var function = module.GetFunctionPointer(module.Declarations.TryGetFunction(run.Target.Function.Name.SymbolName, out var id) ? id : throw new InvalidOperationException("compiled function missing from the module"));
            var trampoline = module.GetFunctionPointer(trampolineOf[run.Target]);
            results.Add(Execute(module, d, run, trampoline, function, options));
        }
    }

    private static DirectiveResult Execute(JitModule module, ClifDirective d, PreparedRun run, nint trampoline, nint function, FileTestOptions options)
    {
        var args = run.Arguments.Select(a => a.Bits).ToArray();
        var types = run.ReturnTypes;
        var raw = new UInt128[types.Count];
        var outcome = SharedCaller.Call(trampoline, function, args, raw, options.TimeoutSeconds);
        switch (outcome.Status)
        {
            case ForkedCallStatus.Returned:
            {
                var actual = new TestValue[types.Count];
                for (int i = 0; i < actual.Length; i++) actual[i] = TestValue.Of(types[i], raw[i]);
                return run.Check(actual, out var message)
                    ? Result(d, DirectiveOutcome.Passed, null)
                    : Result(d, DirectiveOutcome.Failed, message);
            }
            case ForkedCallStatus.Trapped:
            {
                // A fault outside every trap site is a crash of the generated code, never the trap a directive expects.
                if (!module.TryFindTrap(outcome.FaultAddress, out var trap))
                    return Result(d, DirectiveOutcome.Failed, DescribeTrap(module, outcome));
                return run.CheckTrap(trap.Code, out var message)
                    ? Result(d, DirectiveOutcome.Passed, null)
                    : Result(d, DirectiveOutcome.Failed, $"{message} at {trap.Function}+0x{trap.Offset:x}");
            }
            case ForkedCallStatus.TimedOut:
                return Result(d, DirectiveOutcome.Failed, $"did not return within {options.TimeoutSeconds} s");
            case ForkedCallStatus.Killed:
                return Result(d, DirectiveOutcome.Failed, $"crashed with signal {outcome.Signal}");
            default:
                return Result(d, DirectiveOutcome.Failed, $"the child process could not run the call (status {outcome.RawStatus})");
        }
    }

    private static string DescribeTrap(JitModule module, ForkedCallOutcome outcome)
    {
        if (module.TryFindTrap(outcome.FaultAddress, out var trap))
            return $"trapped: {trap.Code} at {trap.Function}+0x{trap.Offset:x}";
        if (module.TryFindFunction(outcome.FaultAddress, out var name, out var offset))
            return $"faulted with signal {outcome.Signal} at {name}+0x{offset:x}, which is not a trap site";
        return $"faulted with signal {outcome.Signal} at 0x{outcome.FaultAddress:x}, outside the module";
    }

    /// <summary>
    /// The backend for a file's own <c>set</c> lines. A setting Stencil does not know or refuses (STN4004) makes the
    /// file's functions unsupported: compiling them with the setting dropped would test other code than the file asks for.
    /// </summary>
    internal static bool TryCreateIsa(ClifFile file, FileTestOptions options, out TargetIsa isa, out FunctionStatus problem) =>
        TryCreateIsa(file, options, TargetTriple.X86_64Linux, [], out isa, out problem);

    /// <summary>The backend for <paramref name="triple"/> with the file's <c>set</c> lines and then
    /// <paramref name="targetFlags"/> (the flags of the file's <c>target</c> line it runs under) applied; an unknown or
    /// refused setting, or a target Stencil has no backend for (STN3004), makes the functions unsupported.</summary>
    internal static bool TryCreateIsa(ClifFile file, FileTestOptions options, TargetTriple triple, IReadOnlyList<ClifSetting> targetFlags,
        out TargetIsa isa, out FunctionStatus problem)
    {
        isa = null!;
        var flags = IsaFlags.Default;
        foreach (var s in file.Settings.Concat(targetFlags))
        {
            if (flags.TrySet(s.Name, s.Value, out var next, out var error)) { flags = next; continue; }
            problem = FunctionStatus.Unsupported($"{BuildDiagnosticCodes.InvalidSetting} at {s.Location}: {error}");
            return false;
        }
        if (options.ForcedOptLevel is { } level) flags = flags with { OptLevel = level };
        if (IsaRegistry.TryLookup(triple, flags, out isa, out var diagnostic)) { problem = null!; return true; }
        problem = diagnostic is null ? FunctionStatus.Failed($"no backend for {triple}") : Classify(diagnostic, $"for {triple}");
        return false;
    }

    /// <summary>Compiles every function of <paramref name="file"/> once; a function that does not compile, or whose name
    /// an earlier one took, gets its status instead.</summary>
    internal static (Dictionary<ClifFunction, CompiledCode> Compiled, Dictionary<ClifFunction, FunctionStatus> Status, Dictionary<string, ClifFunction> BySymbol)
        CompileAll(ClifFile file, Context context)
    {
        var status = new Dictionary<ClifFunction, FunctionStatus>();
        var compiled = new Dictionary<ClifFunction, CompiledCode>();
        var bySymbol = new Dictionary<string, ClifFunction>(StringComparer.Ordinal);
        foreach (var f in file.Functions) bySymbol.TryAdd(f.Function.Name.SymbolName, f);
        foreach (var f in file.Functions)
        {
            if (bySymbol[f.Function.Name.SymbolName] != f)
                status[f] = FunctionStatus.Failed($"%{f.Function.Name.SymbolName} is defined more than once in the file");
            else if (TryCompile(context, f, out var code, out var problem)) compiled[f] = code;
            else status[f] = problem;
        }
        return (compiled, status, bySymbol);
    }

    private static bool TryCompile(Context context, ClifFunction f, out CompiledCode code, out FunctionStatus problem)
    {
        code = null!;
        problem = null!;
        var verify = Verifier.Verify(f.Function, f.PositionOf, f.Location.File);
        if (verify.Count > 0) { problem = FunctionStatus.Failed("does not verify: " + verify[0].Message); return false; }
        try
        {
            code = Finalizer.Finalize(context.Compile(f.Function.Stencil, f.Function.Name.SymbolName), f.Function.Params);
            return true;
        }
        catch (DiagnosticException e)
        {
            problem = Classify(e.Diagnostic, $"compiling %{f.Function.Name.SymbolName}");
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = InternalError(e, f);
            return false;
        }
    }

    /// <summary>A bug of ours while compiling <paramref name="f"/>: the build's STN9001, naming the function and where it stands.</summary>
    internal static FunctionStatus InternalError(Exception e, ClifFunction f)
    {
        var d = InternalErrors.InFunction(e, f.Function.Name.SymbolName, f.Location.File, f.Location.Line, f.Location.Column);
        return FunctionStatus.Failed($"{d.Code} at {f.Location}: {d.Message}");
    }

    internal static FunctionStatus Classify(Diagnostic d, string what) =>
        d.Code.StartsWith("STN3", StringComparison.Ordinal)
            ? FunctionStatus.Unsupported($"{d.Code} {what}: {d.Message}")
            : FunctionStatus.Failed($"{d.Code} {what}: {d.Message}");

    /// <summary>A function is only as runnable as everything it calls: a callee's problem becomes the caller's, and
    /// <paramref name="outside"/> judges every name the file does not define (null: it can be bound).</summary>
    internal static void PropagateCalleeProblems(Dictionary<ClifFunction, CompiledCode> compiled, Dictionary<ClifFunction, FunctionStatus> status,
        Dictionary<string, ClifFunction> bySymbol, Func<FinalRelocTarget, FunctionStatus?> outside)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (f, code) in compiled)
            {
                if (status.ContainsKey(f)) continue;
                foreach (var r in code.Relocs)
                {
                    FunctionStatus? problem;
                    if (r.Target.Kind == ExternalNameKind.User && bySymbol.TryGetValue(r.Target.SymbolName, out var callee))
                        problem = status.TryGetValue(callee, out var calleeStatus)
                            ? new FunctionStatus(calleeStatus.Outcome, $"calls %{r.Target.SymbolName}, which cannot run: {calleeStatus.Message}")
                            : null;
                    else problem = outside(r.Target);
                    if (problem is null) continue;
                    status[f] = problem;
                    changed = true;
                    break;
                }
            }
        }
    }

    private static DirectiveResult Result(ClifDirective d, DirectiveOutcome outcome, string? message) =>
        new(FileTestMode.Native, d.Location, d.Text.Length == 0 ? "run" : d.Text, outcome, message);
}
