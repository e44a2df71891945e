using Stencil.Ir.Interpretation;

namespace Stencil.Ir.Tests.Interpreter;

/// <summary>Evaluates a <see cref="RunDirective"/> with the interpreter and judges the result.</summary>
internal static class RunDirectiveEvaluator
{
    /// <summary>A bare <c>; run</c> (empty text) calls <paramref name="owner"/>, the function it follows, with no arguments.</summary>
    public static (RunOutcome Outcome, string Detail) Evaluate(InterpreterModule module, Function owner, string text)
    {
        RunDirective directive;
        if (string.IsNullOrWhiteSpace(text)) directive = new RunDirective(owner.Name.SymbolName, "", null, null);
        else if (!RunDirective.TryParse(text, out directive, out var error)) return (RunOutcome.Fail, "bad directive: " + error);
        if (!module.TryGet(directive.FunctionName, out var function)) return (RunOutcome.Fail, $"no function %{directive.FunctionName}");
        var sig = function.Signature;
        if (sig.Params.Any(p => !Supported(p.Type)) || sig.Returns.Any(p => !Supported(p.Type)))
            return (RunOutcome.Unsupported, "signature has vector or f16/f128 types");

        var argTexts = RunDirective.SplitList(directive.ArgumentText);
        if (argTexts.Count != sig.Params.Count) return (RunOutcome.Fail, $"{argTexts.Count} arguments for {sig.Params.Count} parameters");
        var args = new DataValue[argTexts.Count];
        for (int i = 0; i < args.Length; i++)
            if (!RunDirective.TryParseValue(argTexts[i], sig.Params[i].Type, out args[i])) return (RunOutcome.Fail, $"bad argument `{argTexts[i]}`");

        var result = Stencil.Ir.Interpretation.Interpreter.Call(module, function, args);
        if (result.Unsupported is { } why) return (RunOutcome.Unsupported, why);
        if (result.Trap is { } trap) return (RunOutcome.Fail, $"trapped {trap}");

        if (directive.Comparison is null)
        {
            bool truthy = result.Returns.Count == 1 && result.Returns[0].Bits != 0;
            return truthy ? (RunOutcome.Pass, "") : (RunOutcome.Fail, $"returned {Show(result.Returns)}, expected true");
        }
        var expectedTexts = RunDirective.SplitList(directive.ExpectedText ?? "");
        if (expectedTexts.Count != sig.Returns.Count) return (RunOutcome.Fail, $"{expectedTexts.Count} expected values for {sig.Returns.Count} results");
        bool equal = true;
        for (int i = 0; i < expectedTexts.Count; i++)
        {
            if (!RunDirective.TryParseValue(expectedTexts[i], sig.Returns[i].Type, out var expected)) return (RunOutcome.Fail, $"bad expected value `{expectedTexts[i]}`");
            equal &= expected.Bits == result.Returns[i].Bits;
        }
        bool pass = directive.Comparison == "==" ? equal : !equal;
        return pass ? (RunOutcome.Pass, "") : (RunOutcome.Fail, $"returned {Show(result.Returns)}, expected {directive.Comparison} {directive.ExpectedText}");
    }

    private static bool Supported(IrType t) => t.IsInt || t == IrType.F32 || t == IrType.F64;

    private static string Show(IReadOnlyList<DataValue> values) => "[" + string.Join(", ", values) + "]";
}
