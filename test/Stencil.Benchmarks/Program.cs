using BenchmarkDotNet.Running;

// `quality` prints the quick none-versus-speed table, `clif-size` the code-size comparison with Cranelift, `wasm` the
// real-module comparison with Wasmtime; anything else goes to BenchmarkDotNet's switcher.
if (args is ["quality"]) Stencil.Benchmarks.QualityReport.Run(Console.Out);
else if (args is ["wasm-loop", ..]) return Stencil.Benchmarks.Wasm.CompileLoop.Run(args[1..], Console.Out);
else if (args is ["wasm", ..]) return Stencil.Benchmarks.Wasm.WasmBench.Run(args[1..], Console.Out);
else if (args is ["clif-size", ..]) return Stencil.Benchmarks.CodeSize.ClifSizeReport.Run(args[1..], Console.Out);
else BenchmarkSwitcher.FromAssembly(typeof(Stencil.Benchmarks.FrontEndBenchmarks).Assembly).Run(args);
return 0;
