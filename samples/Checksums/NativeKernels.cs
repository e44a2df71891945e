using System.Runtime.InteropServices;

namespace Checksums;

/// <summary>
/// The kernels in kernels/*.clif, compiled by Stencil.Build into libChecksums.so next to this assembly.
/// </summary>
internal static partial class NativeKernels
{
    private const string Library = "libChecksums";

    [LibraryImport(Library, EntryPoint = "fnv1a64")]
    public static partial ulong Fnv1a64(ulong word);

    [LibraryImport(Library, EntryPoint = "hash_pair")]
    public static partial ulong HashPair(ulong first, ulong second);

    [LibraryImport(Library, EntryPoint = "sum_below")]
    public static partial long SumBelow(long n);

    [LibraryImport(Library, EntryPoint = "gcd")]
    public static partial ulong Gcd(ulong a, ulong b);

    [LibraryImport(Library, EntryPoint = "abs64")]
    public static partial long Abs64(long value);

    [LibraryImport(Library, EntryPoint = "max3")]
    public static partial long Max3(long a, long b, long c);

    [LibraryImport(Library, EntryPoint = "popcount64")]
    public static partial ulong PopCount64(ulong value);

    [LibraryImport(Library, EntryPoint = "xorshift32")]
    public static partial uint XorShift32(uint state);

    [LibraryImport(Library, EntryPoint = "bswap16")]
    public static partial ushort ByteSwap16(ushort value);

    [LibraryImport(Library, EntryPoint = "swap_nibbles")]
    public static partial byte SwapNibbles(byte value);
}
