using Stencil.Engine.Building;
using System.CommandLine;
using System.CommandLine.Invocation;
using Stencil.CacheDb;
using Stencil.Cli.Commands;
using Stencil.Cli.Output;
using Stencil.Ir.Diagnostics;

namespace Stencil.Cli;

/// <summary>
/// The <c>stencil</c> tool as a function of its arguments and two writers, so tests run it in-process and capture
/// everything. This is the boundary where failures become exit codes: nothing escapes as a stack trace.
/// </summary>
public static class StencilCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(stdout, stderr);
        try
        {
            var parse = CreateRootCommand(console).Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                foreach (var error in parse.Errors)
                    ConsoleDiagnostics.Write(stderr, Diagnostic.Error(BuildDiagnosticCodes.InvalidParameter, error.Message));
                stderr.WriteLine("Run 'stencil --help' for usage.");
                return CliExitCodes.UsageError;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            ConsoleDiagnostics.Write(stderr, e.Diagnostic);
            return e.ExitCode;
        }
        catch (DiagnosticException e)
        {
            ConsoleDiagnostics.Write(stderr, e.Diagnostic);
            return CliExitCodes.InputError;
        }
        catch (CacheDatabaseException e)
        {
            ConsoleDiagnostics.Write(stderr, Diagnostic.Error(BuildDiagnosticCodes.CacheUnavailable, e.Message));
            return CliExitCodes.EnvironmentError;
        }
        catch (Exception e)
        {
            ConsoleDiagnostics.Write(stderr, Diagnostic.Error(BuildDiagnosticCodes.Internal, Describe(e)));
            return CliExitCodes.EnvironmentError;
        }
    }

    public static RootCommand CreateRootCommand(CliConsole console) =>
        new("stencil: compile Cranelift IR (.clif) to native objects, disassemble it, and inspect the compilation cache.")
        {
            CompileCommand.Create(console),
            Wasm2ClifCommand.Create(console),
            DisasmCommand.Create(console),
            CacheCommand.Create(console),
            BenchCommand.Create(console),
            TestCommand.Create(console),
            RunCommand.Create(console),
            WastCommand.Create(console),
            ServerCommand.Create(console),
        };

    /// <summary>The message chain of an unexpected failure, without the stack.</summary>
    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
            if (!messages.Contains(current.Message)) messages.Add(current.Message);
        return string.Join(" ---> ", messages);
    }
}
