using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Stencil.Benchmarks.FrontEndBenchmarks).Assembly).Run(args);
