using System.CommandLine;

namespace Stencil.Cli.Commands;

/// <summary>Arguments and options several commands share, created fresh per command (a symbol has one parent).</summary>
public static class CommonSymbols
{
    public static Argument<string> DbFile() => new("DBFILE") { Description = "The cache database file." };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table." };

    public static Option<string?> Target() => new("--target", "-t")
    {
        Description = "Target triple.",
        HelpName = "TRIPLE",
        DefaultValueFactory = _ => TargetSelection.DefaultTriple,
    };

    public static Option<string[]> Settings() => new("--set")
    {
        Description = "An ISA or optimization setting, name=value; may be repeated.",
        HelpName = "name=value",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
