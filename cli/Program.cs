using Stencil.Cli;

return StencilCli.Run(args, Console.Out, Console.Error);
