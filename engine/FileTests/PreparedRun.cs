using Stencil.Ir;
using Stencil.Ir.Text;

namespace Stencil.Engine.FileTests;

/// <summary>A run directive with its function found and its literals typed by the function's signature.</summary>
public sealed record PreparedRun(ClifDirective Directive, ClifFunction Target, RunInvocation Invocation, TestValue[] Arguments, TestValue[] Expected)
{
    /// <summary>Types every literal of <paramref name="directive"/>; <paramref name="owner"/> is the function the
    /// directive follows, called by the legacy bare form.</summary>
    public static bool TryPrepare(ClifDirective directive, ClifFunction owner, IReadOnlyList<ClifFunction> functions, out PreparedRun run, out string? error)
    {
        run = null!;
        if (!RunDirectiveParser.TryParse(directive.Text, out var invocation, out error)) return false;
        var target = invocation.Function is null ? owner : functions.FirstOrDefault(f => f.Function.Name.SymbolName == invocation.Function);
        if (target is null) { error = $"no function `%{invocation.Function}` in the file"; return false; }
        var signature = target.Function.Signature;
        if (invocation.Arguments.Count != signature.Params.Count)
        { error = $"`%{target.Function.Name.SymbolName}` takes {signature.Params.Count} arguments, the directive gives {invocation.Arguments.Count}"; return false; }
        var args = new TestValue[signature.Params.Count];
        for (int i = 0; i < args.Length; i++)
            if (!TestValueParser.TryParse(invocation.Arguments[i], signature.Params[i].Type, out args[i], out error)) return false;
        var expectedTexts = signature.Returns.Count == 1 && signature.Returns[0].Type.IsVector && invocation.Comparison != RunComparison.Truthy
            ? [invocation.ExpectedText]
            : invocation.Expected;
        var expected = new TestValue[expectedTexts.Count];
        if (invocation.Comparison == RunComparison.Trap) { }
        else if (invocation.Comparison == RunComparison.Truthy)
        {
            if (signature.Returns.Count != 1 || !signature.Returns[0].Type.IsInt)
            { error = "a run directive without a comparison needs a function returning one integer"; return false; }
        }
        else
        {
            if (expected.Length != signature.Returns.Count)
            { error = $"`%{target.Function.Name.SymbolName}` returns {signature.Returns.Count} values, the directive expects {expected.Length}"; return false; }
            for (int i = 0; i < expected.Length; i++)
                if (!TestValueParser.TryParse(expectedTexts[i], signature.Returns[i].Type, out expected[i], out error)) return false;
        }
        run = new PreparedRun(directive, target, invocation, args, expected);
        error = null;
        return true;
    }

    /// <summary>Whether the actual results satisfy the directive; the message describes a mismatch.</summary>
    public bool Check(IReadOnlyList<TestValue> actual, out string? message)
    {
        bool ok;
        switch (Invocation.Comparison)
        {
            case RunComparison.Trap:
                message = $"expected a trap{(Invocation.ExpectedTrap is { } code ? " " + code : "")}, but the call returned {Show(actual)}";
                return false;
            case RunComparison.Truthy:
                ok = actual.Count == 1 && actual[0].Bits != 0;
                message = ok ? null : $"expected a non-zero result, got {Show(actual)}";
                return ok;
            case RunComparison.Equal:
                ok = actual.Count == Expected.Length && actual.Zip(Expected).All(p => p.First.Matches(p.Second));
                message = ok ? null : $"expected {Show(Expected)}, got {Show(actual)}";
                return ok;
            default:
                ok = !(actual.Count == Expected.Length && actual.Zip(Expected).All(p => p.First.Matches(p.Second)));
                message = ok ? null : $"expected a result other than {Show(Expected)}";
                return ok;
        }
    }

    /// <summary>Whether a trap with <paramref name="code"/> (null when it could not be recovered) satisfies the directive.</summary>
    public bool CheckTrap(TrapCode? code, out string? message)
    {
        if (Invocation.Comparison != RunComparison.Trap) { message = $"trapped: {(code is { } c ? c.ToString() : "unknown code")}"; return false; }
        if (Invocation.ExpectedTrap is { } expected && code != expected)
        {
            message = $"expected trap {expected}, got {(code is { } c ? c.ToString() : "a fault that is not a trap site")}";
            return false;
        }
        message = null;
        return true;
    }

    public IReadOnlyList<IrType> ReturnTypes => Target.Function.Signature.Returns.Select(r => r.Type).ToArray();

    private static string Show(IReadOnlyList<TestValue> values) =>
        values.Count == 1 ? values[0].ToString() : "[" + string.Join(", ", values) + "]";
}
