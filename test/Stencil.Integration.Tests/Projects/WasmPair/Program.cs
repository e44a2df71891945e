using Stencil.Wasm.Runtime;
using WasmPair;

// Both modules export "compute"; each has its own class, symbols and instance.
using var alpha = Alpha.Create();
using var beta = Beta.Create(new Beta.ImportSet { HostScale = x => x * 10 });
Console.WriteLine($"alpha.compute(5) = {alpha.Compute(5)}");
Console.WriteLine($"alpha.calls = {alpha.Calls.Value.AsInt32()}");
Console.WriteLine($"beta.compute(5) = {beta.Compute(5)}");
var (first, second) = beta.Pair(35);
Console.WriteLine($"beta.pair(35) = {first}, {second}");
alpha.Store(16, 1234);
Console.WriteLine($"alpha.memory[16] = {BitConverter.ToInt32(alpha.Memory.Span[16..20])}");
try
{
    alpha.Store(65536, 1);
    Console.WriteLine("alpha.store(65536, 1) returned");
}
catch (WasmTrapException trap)
{
    Console.WriteLine($"alpha.store(65536, 1) trapped: {trap.Kind}");
}
Console.WriteLine($"alpha.compute(6) after the trap = {alpha.Compute(6)}");
