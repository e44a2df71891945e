using System.Text.Json;
using Stencil.Cli.Wasm;
using Stencil.Engine.Wasm;
using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Runtime;

namespace Stencil.Cli.Wast;

/// <summary>
/// Runs one converted spec script against the runtime: modules compiled and instantiated with the <c>spectest</c>
/// host module and whatever was <c>register</c>ed, every assertion and bare action counted (text-form
/// <c>assert_malformed</c> tests a text parser, not us, and is not). A command that depends on a module that failed
/// fails too, naming that module's line.
/// </summary>
public sealed class WastRunner(WastScript script, WasmCompileOptions options)
{
    private readonly List<WastOutcome> _outcomes = [];
    private readonly List<LoadedModule> _loaded = [];
    private readonly Dictionary<string, Instance> _named = new(StringComparer.Ordinal);
    private Store _store = null!;
    private Imports _registry = null!;
    private Instance? _current;
    private (WastVerdict Verdict, string Reason)? _currentFailure;

    public WastFileResult Run()
    {
        var store = _store = new Store();
        _registry = SpectestModule.Define(new Imports(), store, output: null);
        try
        {
            int index = 0;
            foreach (var command in script.Commands) Execute(command, index++);
        }
        finally
        {
            store.Dispose();
            foreach (var module in _loaded) module.Dispose();
        }
        return new WastFileResult(script.Name, _outcomes);
    }

    private void Execute(WastCommand command, int index)
    {
        switch (command.Type)
        {
            case "module":
                DefineModule(command, index);
                break;
            case "register":
                var instance = command.String("name") is { } name ? _named.GetValueOrDefault(name) : _current;
                if (instance is not null) _registry.DefineInstance(command.String("as")!, instance);
                break;
            case "action":
                Count(command, "action", () =>
                {
                    Invoke(command.Json.GetProperty("action"), out _);
                    return null;
                });
                break;
            case "assert_return":
                Count(command, "assert_return", () => AssertReturn(command));
                break;
            case "assert_trap":
                Count(command, "assert_trap", () => AssertTrap(command, command.String("text")!));
                break;
            case "assert_exhaustion":
                Count(command, "assert_exhaustion", () => AssertTrap(command, WasmTrapKind.CallStackExhausted.Message()));
                break;
            case "assert_invalid":
                Count(command, "assert_invalid", () => AssertRejected(command, WasmDiagnosticCodes.Invalid));
                break;
            case "assert_malformed":
                if (command.String("module_type") == "binary") Count(command, "assert_malformed", () => AssertRejected(command, WasmDiagnosticCodes.Malformed));
                break;
            case "assert_unlinkable":
                Count(command, "assert_unlinkable", () => AssertNotInstantiated(command, index, expectTrap: false));
                break;
            case "assert_uninstantiable":
                Count(command, "assert_uninstantiable", () => AssertNotInstantiated(command, index, expectTrap: true));
                break;
            default:
                _outcomes.Add(new WastOutcome(script.Name, command.Line, command.Type, WastVerdict.Unsupported, "command not supported by the runner"));
                break;
        }
    }

    private void DefineModule(WastCommand command, int index)
    {
        _current = null;
        _currentFailure = null;
        try
        {
            var module = Load(command, index);
            _current = module.Instantiate(_store, _registry);
            if (command.String("name") is { } name) _named[name] = _current;
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            _currentFailure = (failure.Verdict, $"module at line {command.Line}: {failure.Reason}");
        }
    }

    private LoadedModule Load(WastCommand command, int index)
    {
        var file = command.String("filename")!;
        var module = LoadedModule.Load(File.ReadAllBytes(script.PathOf(file)), file, "m" + index, options);
        _loaded.Add(module);
        return module;
    }

    /// <summary>Runs a counted command: passed unless it returns a reason; an exception is the reason it failed.</summary>
    private void Count(WastCommand command, string what, Func<string?> body)
    {
        (WastVerdict, string)? outcome;
        try
        {
            var reason = body();
            outcome = reason is null ? null : (WastVerdict.Failed, reason);
        }
        catch (ModuleMissingException e)
        {
            outcome = (e.Verdict, e.Message);
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            outcome = failure;
        }
        _outcomes.Add(outcome is var (v, r)
            ? new WastOutcome(script.Name, command.Line, what, v, r)
            : new WastOutcome(script.Name, command.Line, what, WastVerdict.Passed, null));
    }

    private string? AssertReturn(WastCommand command)
    {
        var results = Invoke(command.Json.GetProperty("action"), out var call);
        var expected = command.Json.GetProperty("expected").EnumerateArray().ToArray();
        bool same = results.Length == expected.Length && results.Zip(expected).All(p => WastValues.Matches(p.Second, p.First));
        return same ? null
            : $"{call}: got ({string.Join(", ", results.Select(WastValues.Describe))}), expected ({string.Join(", ", expected.Select(WastValues.Describe))})";
    }

    private string? AssertTrap(WastCommand command, string text)
    {
        WasmValue[] results;
        string call;
        try
        {
            results = Invoke(command.Json.GetProperty("action"), out call);
        }
        catch (WasmTrapException e)
        {
            return TrapMatches(e, text) ? null : $"trapped with \"{e.Kind.Message()}\", expected \"{text}\"";
        }
        return $"{call}: returned ({string.Join(", ", results.Select(WastValues.Describe))}), expected the trap \"{text}\"";
    }

    /// <summary>The spec's wording, where the reference interpreter may add a detail (<c>uninitialized element 2</c>).</summary>
    private static bool TrapMatches(WasmTrapException e, string text) =>
        e.Kind != WasmTrapKind.HostException
        && (e.Kind.Message().StartsWith(text, StringComparison.Ordinal) || text.StartsWith(e.Kind.Message() + " ", StringComparison.Ordinal));

    private string? AssertRejected(WastCommand command, string code)
    {
        var file = command.String("filename")!;
        try
        {
            Stencil.Wasm.WasmLoader.Load(File.ReadAllBytes(script.PathOf(file)), file);
        }
        catch (DiagnosticException e)
        {
            return e.Diagnostic.Code == code ? null : $"rejected as {e.Diagnostic.Code} ({Stable(e.Diagnostic)}), expected {code} for \"{command.String("text")}\"";
        }
        return $"accepted, expected {code} for \"{command.String("text")}\"";
    }

    private string? AssertNotInstantiated(WastCommand command, int index, bool expectTrap)
    {
        var text = command.String("text")!;
        var module = Load(command, index);
        try
        {
            module.Instantiate(_store, _registry);
            return $"instantiated, expected \"{text}\"";
        }
        catch (WasmLinkException e) when (!expectTrap)
        {
            return e.Message.StartsWith(text, StringComparison.Ordinal) ? null : $"unlinkable with \"{e.Message}\", expected \"{text}\"";
        }
        catch (WasmTrapException e) when (expectTrap)
        {
            return TrapMatches(e, text) ? null : $"trapped with \"{e.Kind.Message()}\", expected \"{text}\"";
        }
    }

    /// <summary>Calls or reads what an action names; <paramref name="call"/> describes it for a failure line.</summary>
    private WasmValue[] Invoke(JsonElement action, out string call)
    {
        var field = action.GetProperty("field").GetString()!;
        var instance = InstanceFor(action);
        if (action.GetProperty("type").GetString() == "get")
        {
            call = $"get \"{field}\"";
            return [instance.GetGlobal(field).Value];
        }
        var arguments = action.GetProperty("args").EnumerateArray().Select(WastValues.Parse).ToArray();
        call = $"invoke \"{field}\"({string.Join(", ", arguments.Select(WastValues.Describe))})";
        return instance.GetFunction(field).Invoke(arguments);
    }

    private Instance InstanceFor(JsonElement action)
    {
        if (action.TryGetProperty("module", out var name))
            return _named.TryGetValue(name.GetString()!, out var named) ? named
                : throw new ModuleMissingException(WastVerdict.Failed, $"no module named {name.GetString()}");
        if (_current is not null) return _current;
        var (verdict, reason) = _currentFailure ?? (WastVerdict.Failed, "no module defined");
        throw new ModuleMissingException(verdict, reason);
    }

    /// <summary>How a failure counts: a feature we refuse is unsupported; anything else failed. The reason is stable text.</summary>
    private static (WastVerdict Verdict, string Reason)? Classify(Exception e) => e switch
    {
        DiagnosticException d when d.Diagnostic.Code == WasmDiagnosticCodes.Unsupported => (WastVerdict.Unsupported, Stable(d.Diagnostic)),
        DiagnosticException d => (WastVerdict.Failed, Stable(d.Diagnostic)),
        WasmCompileException c => (WastVerdict.Failed, "did not compile: " + string.Join("; ", c.Diagnostics.Take(2).Select(Stable))),
        WasmTrapException t => (WastVerdict.Failed, $"trapped: {t.Message}"),
        WasmLinkException l => (WastVerdict.Failed, $"unlinkable: {l.Message}"),
        OutOfMemoryException => null,
        _ => (WastVerdict.Failed, $"{e.GetType().Name}: {FirstLine(e.Message)}"),
    };

    /// <summary>A diagnostic without its offset and file, so a listed reason stays stable.</summary>
    private static string Stable(Diagnostic d)
    {
        int at = d.Message.LastIndexOf(" at offset ", StringComparison.Ordinal);
        return $"{d.Code} {FirstLine(at > 0 ? d.Message[..at] : d.Message)}";
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private sealed class ModuleMissingException(WastVerdict verdict, string message) : Exception(message)
    {
        public WastVerdict Verdict { get; } = verdict;
    }
}
