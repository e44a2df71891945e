namespace Stencil.Cli.Tests;

/// <summary>One in-process run of <c>stencil</c> with its captured output.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = StencilCli.Run(args, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Fails with both streams in the message when the exit code is not the expected one.</summary>
    public CliRun Expect(int exitCode)
    {
        Assert.AreEqual(exitCode, ExitCode, $"exit code\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        Assert.IsFalse(Stderr.Contains("   at ", StringComparison.Ordinal), $"stack trace on stderr:\n{Stderr}");
        return this;
    }
}
