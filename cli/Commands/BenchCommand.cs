using System.CommandLine;
using Stencil.Cli.Output;

namespace Stencil.Cli.Commands;

/// <summary><c>stencil bench</c>: the group of benchmarks.</summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console) => new("bench", "Measure Stencil on generated workloads.")
    {
        BenchCacheCommand.Create(console),
    };
}
