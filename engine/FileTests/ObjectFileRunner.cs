using System.Globalization;
using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Linking;
using Stencil.Engine.Module;
using Stencil.Engine.Object;
using Stencil.Ir;
using Stencil.Ir.Diagnostics;
using Stencil.Ir.Names;
using Stencil.Ir.Text;
using Stencil.Isa;

namespace Stencil.Engine.FileTests;

/// <summary>
/// <c>test run</c> for one file and a target, through a real object: every function of the file plus one trampoline
/// per tested signature (the JIT's, <see cref="JitTrampolines.Text"/>) compiled into ONE ELF object with a directive
/// table (<see cref="ObjectRunTable"/>), linked by the target's gcc with the fixed C runner and run natively or under
/// qemu-user (<see cref="ObjectRunHarness"/>). Functions are local symbols, so names such as <c>%main</c> cannot clash
/// with C's. Results are judged by <see cref="PreparedRun"/>, as for the JIT; a trap or crash is reported per
/// directive, and a runner that dies is restarted after the directive that killed it.
/// </summary>
internal static class ObjectFileRunner
{
    private const int SignalAlarm = 14; // SIGALRM on x86-64 and s390x Linux alike

    public static void Run(ClifFile file, IReadOnlyList<(ClifDirective Directive, ClifFunction Owner)> directives, FileTestOptions options,
        TargetTriple triple, IReadOnlyList<ClifSetting> targetFlags, List<DirectiveResult> results)
    {
        if (!NativeFileRunner.TryCreateIsa(file, options, triple, targetFlags, out var isa, out var isaProblem))
        {
            foreach (var (d, _) in directives) results.Add(Result(d, isaProblem.Outcome, isaProblem.Message));
            return;
        }
        var context = new Context(isa);
        var (compiled, status, bySymbol) = NativeFileRunner.CompileAll(file, context);
        // Names outside the file (libc, libm) are the linker's to bind; a known symbol has no meaning in a run test.
        NativeFileRunner.PropagateCalleeProblems(compiled, status, bySymbol, target => target.Kind == ExternalNameKind.KnownSymbol
            ? FunctionStatus.Unsupported($"a run test cannot bind {target.KnownSymbol}")
            : null);

        var order = ElfMachine.Get(triple.Architecture).ByteOrder;
        var module = new ObjectModule(new ObjectModuleOptions { Triple = triple });
        var table = new ObjectRunTable(order);
        var placed = new List<(FuncId Id, CompiledCode Code)>();
        foreach (var (f, code) in compiled)
            if (!status.ContainsKey(f)) module.DeclareFunction(code.SymbolName, Linkage.Local);
        foreach (var (f, code) in compiled)
            if (!status.ContainsKey(f)) placed.Add((module.DefineCompiledCode(code, Linkage.Local), code));

        var trampolines = new Dictionary<string, FuncId>(StringComparer.Ordinal);
        var trampolineProblem = new Dictionary<ClifFunction, FunctionStatus>();
        var prepared = new List<(ClifDirective Directive, PreparedRun? Run, string? Error, int Index)>();
        foreach (var (d, owner) in directives)
        {
            if (!PreparedRun.TryPrepare(d, owner, file.Functions, out var run, out var error)) { prepared.Add((d, null, error, -1)); continue; }
            if (status.ContainsKey(run.Target) || trampolineProblem.ContainsKey(run.Target)) { prepared.Add((d, run, null, -1)); continue; }
            if (run.ReturnTypes.Count > ObjectRunTable.MaxResults)
            {
                prepared.Add((d, run, $"more than {ObjectRunTable.MaxResults} results", -1));
                continue;
            }
            if (!TryTrampoline(module, context, run.Target, trampolines, placed, out var trampoline, out var problem))
            {
                trampolineProblem[run.Target] = problem;
                prepared.Add((d, run, null, -1));
                continue;
            }
            var function = module.Declarations.TryGetFunction(run.Target.Function.Name.SymbolName, out var id) ? id
                : throw new InvalidOperationException("compiled function missing from the module");
            prepared.Add((d, run, null, table.AddDirective(trampoline, function, run.Arguments, run.ReturnTypes.Count)));
        }
        foreach (var (id, _) in placed) table.AddFunction(id);

        var outcomes = new Dictionary<int, string>();
        var addresses = new Dictionary<int, ulong>();
        string? runProblem = table.DirectiveCount == 0 ? null : Execute(module, table, triple, options, outcomes, addresses);
        var functions = placed.Select((p, i) => (p.Code, Start: addresses.GetValueOrDefault(i))).Where(p => p.Start != 0).ToList();
        foreach (var (d, run, error, index) in prepared)
        {
            if (run is null) { results.Add(Result(d, DirectiveOutcome.Failed, error)); continue; }
            if (status.TryGetValue(run.Target, out var problem) || trampolineProblem.TryGetValue(run.Target, out problem))
            {
                results.Add(Result(d, problem.Outcome, problem.Message));
                continue;
            }
            if (index < 0) results.Add(Result(d, DirectiveOutcome.Unsupported, error));
            else if (outcomes.TryGetValue(index, out var line)) results.Add(Judge(d, run, line, functions, order, options));
            else results.Add(Result(d, DirectiveOutcome.Failed, runProblem ?? "the runner reported nothing for this directive"));
        }
    }

    private static bool TryTrampoline(ObjectModule module, Context context, ClifFunction target, Dictionary<string, FuncId> trampolines,
        List<(FuncId, CompiledCode)> placed, out FuncId trampoline, out FunctionStatus problem)
    {
        problem = null!;
        var signature = target.Function.Signature;
        var key = signature.ToString();
        if (trampolines.TryGetValue(key, out trampoline)) return true;
        try
        {
            var name = "__stencil_trampoline_" + trampolines.Count.ToString(CultureInfo.InvariantCulture);
            var function = ClifReader.ParseFunction(JitTrampolines.Text(name, signature));
            var code = Finalizer.Finalize(context.Compile(function.Stencil, name), function.Params);
            trampoline = module.DefineCompiledCode(code, Linkage.Local);
            placed.Add((trampoline, code));
            trampolines.Add(key, trampoline);
            return true;
        }
        catch (DiagnosticException e)
        {
            problem = NativeFileRunner.Classify(e.Diagnostic, "calling it from the runner");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = FunctionStatus.Failed($"the backend failed compiling the runner's trampoline: {e.GetType().Name}: {e.Message}");
        }
        return false;
    }

    /// <summary>Writes, links and runs the object; fills <paramref name="outcomes"/> with each reported directive's
    /// line and <paramref name="addresses"/> with each function's address; returns what went wrong for the rest (null
    /// when every directive was reported).</summary>
    private static string? Execute(ObjectModule module, ObjectRunTable table, TargetTriple triple, FileTestOptions options, Dictionary<int, string> outcomes,
        Dictionary<int, ulong> addresses)
    {
        if (!ObjectRunHarness.TryGetRunner(triple, out var runner, out var error)) return error;
        if (!ObjectRunHarness.TryGetLauncher(triple, out var emulator, out var emulatorArguments, out error)) return error;
        table.DefineIn(module);
        var folder = Path.Combine(ObjectRunHarness.ScratchFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var obj = Path.Combine(folder, "code.o");
            File.WriteAllBytes(obj, module.Finish().Emit());
            var exe = Path.Combine(folder, "run");
            // A fixed load address: every restart of the runner reports the same function addresses.
            if (!SystemLinker.TryLinkExecutable([runner, obj], exe, triple, out var diagnostics, ["-no-pie"]))
                return $"linking with the runner failed: {diagnostics.Trim()}";

            int first = 0;
            string? lastProblem = null;
            while (first < table.DirectiveCount)
            {
                var wall = TimeSpan.FromSeconds(30 + options.TimeoutSeconds * 2L * (table.DirectiveCount - first));
                if (!ObjectRunHarness.TryRun(emulator, emulatorArguments, exe, first, options.TimeoutSeconds, wall, out var lines, out error)) return error;
                bool ended = false;
                int last = first - 1;
                foreach (var line in lines)
                {
                    if (line == "E") { ended = true; continue; }
                    var parts = line.Split(' ');
                    if (parts.Length < 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var index)) continue;
                    if (parts[0] == "F" && ulong.TryParse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address))
                        addresses[index] = address;
                    else if (parts[0] is "R" or "S")
                    {
                        outcomes[index] = line;
                        last = Math.Max(last, index);
                    }
                }
                if (ended) return null;
                // The runner died inside directive last + 1: that one failed; go on after it.
                lastProblem = error.Length > 0 ? error : "the runner stopped without finishing";
                outcomes[last + 1] = "X " + (last + 1) + " " + lastProblem;
                first = last + 2;
            }
            return lastProblem;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static DirectiveResult Judge(ClifDirective d, PreparedRun run, string line, List<(CompiledCode Code, ulong Start)> functions, Endianness order,
        FileTestOptions options)
    {
        var parts = line.Split(' ');
        switch (parts[0])
        {
            case "R":
            {
                var bytes = Convert.FromHexString(parts.Length > 2 ? parts[2] : "");
                var types = run.ReturnTypes;
                var actual = new TestValue[types.Count];
                for (int i = 0; i < actual.Length; i++)
                    actual[i] = TestValue.Of(types[i], ObjectRunTable.ReadSlot(bytes.AsSpan(i * ObjectRunTable.SlotSize, ObjectRunTable.SlotSize), types[i], order));
                return run.Check(actual, out var message) ? Result(d, DirectiveOutcome.Passed, null) : Result(d, DirectiveOutcome.Failed, message);
            }
            case "S":
            {
                int signal = int.Parse(parts[2], CultureInfo.InvariantCulture);
                if (signal == SignalAlarm) return Result(d, DirectiveOutcome.Failed, $"did not return within {options.TimeoutSeconds} s");
                ulong address = ulong.Parse(parts[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return JudgeSignal(d, run, signal, address, functions);
            }
            default:
                return Result(d, DirectiveOutcome.Failed, $"the runner died during this call: {string.Join(' ', parts.Skip(2))}");
        }
    }

    /// <summary>A signal at a trap site is that trap; anywhere else it is a crash of the generated code.</summary>
    private static DirectiveResult JudgeSignal(ClifDirective d, PreparedRun run, int signal, ulong address, List<(CompiledCode Code, ulong Start)> functions)
    {
        foreach (var (code, start) in functions)
        {
            if (address < start || address >= start + (ulong)code.Code.Length) continue;
            uint offset = (uint)(address - start);
            foreach (var trap in code.Traps)
            {
                if (trap.Offset != offset) continue;
                return run.CheckTrap(trap.Code, out var message)
                    ? Result(d, DirectiveOutcome.Passed, null)
                    : Result(d, DirectiveOutcome.Failed, $"{message} at {code.SymbolName}+0x{offset:x}");
            }
            return Result(d, DirectiveOutcome.Failed, $"faulted with signal {signal} at {code.SymbolName}+0x{offset:x}, which is not a trap site");
        }
        return Result(d, DirectiveOutcome.Failed, $"faulted with signal {signal} at 0x{address:x}, outside the generated code");
    }

    private static DirectiveResult Result(ClifDirective d, DirectiveOutcome outcome, string? message) =>
        new(FileTestMode.Native, d.Location, d.Text.Length == 0 ? "run" : d.Text, outcome, message);
}
