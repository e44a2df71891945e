using Spectre.Console;

namespace Stencil.Cli.Output;

/// <summary>
/// Where one run of <c>stencil</c> writes: plain text and JSON go straight to <see cref="Out"/>, tables through
/// <see cref="Ansi"/>. Redirected or captured output gets no colors or escape codes and a fixed, wide layout, so
/// what a script or test reads does not depend on the terminal.
/// </summary>
public sealed class CliConsole
{
    private const int CapturedWidth = 160;
    private IAnsiConsole? _ansi;

    public CliConsole(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }

    public IAnsiConsole Ansi => _ansi ??= CreateAnsi();

    private IAnsiConsole CreateAnsi()
    {
        var terminal = ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = CapturedWidth;
        return console;
    }
}
