namespace Stencil.Integration.Tests;

/// <summary>What a finished child process left behind.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardError.Length == 0 ? StandardOutput : StandardOutput + Environment.NewLine + StandardError;

    /// <summary>A message for a failed assertion: the command and the tail of what it printed.</summary>
    public string Describe()
    {
        const int tail = 12_000;
        var output = Output.Length > tail ? "..." + Output[^tail..] : Output;
        return $"`{CommandLine}` exited with {ExitCode}:{Environment.NewLine}{output}";
    }
}
