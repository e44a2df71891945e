using System.Numerics;

namespace Checksums;

/// <summary>The same kernels written in C#, to check the native code against.</summary>
internal static class ReferenceKernels
{
    public static ulong Fnv1a64(ulong word)
    {
        var hash = 0xcbf29ce484222325UL;
        for (var i = 0; i < 8; i++)
        {
            hash ^= word & 0xff;
            hash *= 0x100000001b3UL;
            word >>= 8;
        }
        return hash;
    }

    public static ulong HashPair(ulong first, ulong second)
    {
        var mixed = (Fnv1a64(first) ^ BitOperations.RotateLeft(second, 17)) * 0x9e3779b97f4a7c15UL;
        return mixed ^ (mixed >> 29);
    }

    public static long SumBelow(long n)
    {
        long sum = 0;
        for (long i = 0; i < n; i++)
            sum += i;
        return sum;
    }

    public static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    public static long Abs64(long value) => value < 0 ? unchecked(-value) : value;

    public static long Max3(long a, long b, long c) => Math.Max(Math.Max(a, b), c);

    public static ulong PopCount64(ulong value) => (ulong)BitOperations.PopCount(value);

    public static uint XorShift32(uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }

    public static ushort ByteSwap16(ushort value) => (ushort)((value << 8) | (value >> 8));

    public static byte SwapNibbles(byte value) => (byte)((value << 4) | (value >> 4));
}
