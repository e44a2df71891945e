using BenchmarkDotNet.Running;

// `quality` prints the quick none-versus-speed table; anything else goes to BenchmarkDotNet's switcher.
if (args is ["quality"]) Stencil.Benchmarks.QualityReport.Run(Console.Out);
else BenchmarkSwitcher.FromAssembly(typeof(Stencil.Benchmarks.FrontEndBenchmarks).Assembly).Run(args);
