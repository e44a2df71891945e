using Stencil.Wasm.Runtime;
using WasmKernels;

// Runs every export of kernels.wasm (C compiled to WebAssembly by clang, then to native code by Stencil at build
// time) on a spread of inputs and checks each result against the C# reference; exits with 1 on any difference.
var checks = new CheckList();
var reported = new List<uint>();
using var kernels = Kernels.Create(new Kernels.ImportSet { HostReport = value => reported.Add((uint)value) });

var data = new byte[1 << 20];
new Random(20261207).NextBytes(data);
int buffer = kernels.Buffer();
checks.Check("buffer_size()", (uint)kernels.BufferSize(), (uint)data.Length);
data.CopyTo(kernels.Memory.Span.Slice(buffer, data.Length));
foreach (var length in new[] { 0, 1, 7, 4096, data.Length })
{
    var bytes = data.AsSpan(0, length);
    checks.Check($"crc32({length} bytes)", (uint)kernels.Crc32(buffer, length), Reference.Crc32(bytes));
    checks.Check($"adler32({length} bytes)", (uint)kernels.Adler32(buffer, length), Reference.Adler32(bytes));
    checks.Check($"fnv1a64({length} bytes)", (ulong)kernels.Fnv1a64(buffer, length), Reference.Fnv1a64(bytes));
}

foreach (var n in new[] { 0, 2, 3, 100, 1_000_000 })
{
    checks.Check($"count_primes({n})", (uint)kernels.CountPrimes(n), Reference.CountPrimes(n));
    checks.Check($"report after count_primes({n})", reported[^1], Reference.CountPrimes(n));
}
foreach (var n in new ulong[] { 0, 1, 27, 97, 871, 63_728_127 })
    checks.Check($"collatz_steps({n})", (uint)kernels.CollatzSteps((long)n), Reference.CollatzSteps(n));
foreach (var (a, b) in new (long, long)[] { (1071, 462), (0, 9), (-48, 18), (long.MaxValue, 6), (1L << 40, 1L << 12) })
    checks.Check($"gcd({a}, {b})", kernels.Gcd(a, b), Reference.Gcd(a, b));
foreach (var (x, e, m) in new (uint, ulong, uint)[] { (2, 10, 1000), (7, 1UL << 40, 1_000_000_007), (123456789, 987654321, 4_294_967_291), (5, 0, 1) })
    checks.Check($"pow_mod({x}, {e}, {m})", (uint)kernels.PowMod((int)x, (long)e, (int)m), Reference.PowMod(x, e, m));
foreach (var n in new uint[] { 0, 1, 10, 100_000 })
    checks.Check($"sum_sqrt({n})", kernels.SumSqrt((int)n), Reference.SumSqrt(n));
checks.Check("divide(-7, 2)", kernels.Divide(-7, 2), -7 / 2);

// A trap is an exception, and the instance stays usable after it.
try
{
    kernels.Divide(1, 0);
    checks.Check("divide(1, 0) traps", "returned", "trapped");
}
catch (WasmTrapException trap)
{
    checks.Check("divide(1, 0) traps", trap.Kind.ToString(), "IntegerDivideByZero");
}
checks.Check("divide(9, 3) after the trap", kernels.Divide(9, 3), 3);

Console.WriteLine(checks.Failed == 0
    ? $"All {checks.Passed} checks passed."
    : $"{checks.Failed} of {checks.Passed + checks.Failed} checks FAILED.");
return checks.Failed == 0 ? 0 : 1;
