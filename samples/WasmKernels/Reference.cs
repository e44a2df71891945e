namespace WasmKernels;

/// <summary>The C# side of every kernel of c/kernels.c, written independently, which the wasm results must equal.</summary>
internal static class Reference
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>CRC-32 by the byte-at-a-time table (the C side goes bit by bit).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var x in data) crc = CrcTable[(crc ^ x) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    public static ulong Fnv1a64(ReadOnlySpan<byte> data)
    {
        ulong h = 0xcbf29ce484222325;
        foreach (var x in data) h = (h ^ x) * 0x100000001b3;
        return h;
    }

    public static uint CountPrimes(int n)
    {
        if (n < 3) return 0;
        var composite = new bool[n];
        uint count = 0;
        for (long i = 2; i < n; i++)
        {
            if (composite[i]) continue;
            count++;
            for (long j = i * i; j < n; j += i) composite[j] = true;
        }
        return count;
    }

    public static uint CollatzSteps(ulong n)
    {
        uint steps = 0;
        for (; n > 1; steps++) n = n % 2 == 1 ? 3 * n + 1 : n / 2;
        return steps;
    }

    public static long Gcd(long a, long b) => (long)ulong.CreateTruncating(System.Numerics.BigInteger.GreatestCommonDivisor(a, b));

    public static uint PowMod(uint x, ulong e, uint m) => (uint)System.Numerics.BigInteger.ModPow(x, e, m);

    public static double SumSqrt(uint n)
    {
        double sum = 0;
        for (uint i = 1; i <= n; i++) sum += Math.Sqrt(i);
        return sum;
    }
}
