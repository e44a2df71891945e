using Checksums;

// Calls every exported kernel with a spread of inputs (including edge cases such as 0, -1 and
// extreme values) and exits with 1 if any native result differs from the C# reference.
var checks = new CheckList();
try
{
    ulong[] words = [0, 1, 0xff, 0x0123456789abcdef, 0x8000000000000000, ulong.MaxValue];
    foreach (var w in words)
    {
        checks.Check($"fnv1a64(0x{w:x})", NativeKernels.Fnv1a64(w), ReferenceKernels.Fnv1a64(w));
        checks.Check($"popcount64(0x{w:x})", NativeKernels.PopCount64(w), ReferenceKernels.PopCount64(w));
        checks.Check($"hash_pair(0x{w:x}, 0x{~w:x})", NativeKernels.HashPair(w, ~w), ReferenceKernels.HashPair(w, ~w));
    }

    foreach (var n in new long[] { -5, 0, 1, 10, 100, 100_000 })
        checks.Check($"sum_below({n})", NativeKernels.SumBelow(n), ReferenceKernels.SumBelow(n));

    foreach (var (a, b) in new (ulong, ulong)[] { (1071, 462), (0, 9), (9, 0), (17, 5), (1 << 20, 1 << 12), (123456, 123456) })
        checks.Check($"gcd({a}, {b})", NativeKernels.Gcd(a, b), ReferenceKernels.Gcd(a, b));

    foreach (var v in new long[] { 0, 7, -7, long.MaxValue, long.MinValue + 1 })
        checks.Check($"abs64({v})", NativeKernels.Abs64(v), ReferenceKernels.Abs64(v));

    foreach (var (a, b, c) in new (long, long, long)[] { (1, 2, 3), (3, 2, 1), (-4, -9, -2), (long.MinValue, 0, long.MaxValue) })
        checks.Check($"max3({a}, {b}, {c})", NativeKernels.Max3(a, b, c), ReferenceKernels.Max3(a, b, c));

    uint state = 2463534242;
    for (var i = 0; i < 4; i++)
    {
        var next = NativeKernels.XorShift32(state);
        checks.Check($"xorshift32({state})", next, ReferenceKernels.XorShift32(state));
        state = next;
    }

    foreach (var v in new ushort[] { 0, 0x1234, 0xff00, 0xffff })
        checks.Check($"bswap16(0x{v:x4})", NativeKernels.ByteSwap16(v), ReferenceKernels.ByteSwap16(v));

    foreach (var v in new byte[] { 0, 0x1f, 0xa5, 0xff })
        checks.Check($"swap_nibbles(0x{v:x2})", NativeKernels.SwapNibbles(v), ReferenceKernels.SwapNibbles(v));
}
catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
{
    Console.Error.WriteLine($"The Stencil-built library could not be used: {ex.Message}");
    return 2;
}

Console.WriteLine(checks.Failed == 0
    ? $"All {checks.Passed} checks passed."
    : $"{checks.Failed} of {checks.Passed + checks.Failed} checks FAILED.");
return checks.Failed == 0 ? 0 : 1;
