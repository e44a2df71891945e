using Stencil.Ir.Text;

namespace Stencil.Engine.FileTests;

/// <summary>One run directive executed one way; <see cref="Message"/> says why it failed or is unsupported.</summary>
public sealed record DirectiveResult(FileTestMode Mode, ClifLocation Location, string Text, DirectiveOutcome Outcome, string? Message)
{
    public override string ToString() =>
        $"{Location}: {Mode.ToString().ToLowerInvariant()} `{Text}`: {Outcome.ToString().ToLowerInvariant()}{(Message is null ? "" : ": " + Message)}";
}
