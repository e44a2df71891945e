/* Compute kernels for the WasmKernels sample, compiled to WebAssembly by clang (--target=wasm32) as part of the
 * sample's build, then to native code by Stencil. The C# side checks every result against its own implementation.
 * No libc: everything here is freestanding C. */
typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long i64;

#define EXPORT(name) __attribute__((export_name(#name)))
#define IMPORT(name) __attribute__((import_module("host"), import_name(#name)))

/* Supplied by the C# app: called once per sieve with the count found, so the app sees a callback from wasm. */
IMPORT(report) void report(u32 value);

static u8 buffer[1 << 20];

/* The start of the 1 MiB buffer the app fills before calling the byte kernels. */
EXPORT(buffer) u8 *buffer_address(void) { return buffer; }
EXPORT(buffer_size) u32 buffer_size(void) { return sizeof buffer; }

/* CRC-32 (IEEE 802.3, reflected, as zlib), bit by bit. */
EXPORT(crc32) u32 crc32(const u8 *data, u32 length)
{
    u32 crc = 0xFFFFFFFFu;
    for (u32 i = 0; i < length; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

/* Adler-32 (RFC 1950). */
EXPORT(adler32) u32 adler32(const u8 *data, u32 length)
{
    u32 a = 1, b = 0;
    for (u32 i = 0; i < length; i++) {
        a = (a + data[i]) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

/* FNV-1a, 64-bit. */
EXPORT(fnv1a64) u64 fnv1a64(const u8 *data, u32 length)
{
    u64 h = 0xcbf29ce484222325ull;
    for (u32 i = 0; i < length; i++) h = (h ^ data[i]) * 0x100000001b3ull;
    return h;
}

/* Primes below n (n <= 8 * buffer size), by the sieve of Eratosthenes over the buffer's bits. */
EXPORT(count_primes) u32 count_primes(u32 n)
{
    if (n > 8u * sizeof buffer) n = 8u * sizeof buffer;
    for (u32 i = 0; i < (n + 7) / 8; i++) buffer[i] = 0;
    u32 count = 0;
    for (u32 i = 2; i < n; i++) {
        if (buffer[i >> 3] & (1u << (i & 7))) continue;
        count++;
        for (u64 j = (u64)i * i; j < n; j += i) buffer[j >> 3] |= (u8)(1u << (j & 7));
    }
    report(count);
    return count;
}

/* Steps of the Collatz sequence from n down to 1. */
EXPORT(collatz_steps) u32 collatz_steps(u64 n)
{
    u32 steps = 0;
    while (n > 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}

/* Greatest common divisor (Euclid, by remainders). */
EXPORT(gcd) i64 gcd(i64 a, i64 b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        i64 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Integer division as wasm defines it: traps on a zero divisor (the app checks the trap surfaces as an exception). */
EXPORT(divide) int divide(int a, int b) { return a / b; }

/* x^e mod m, by squaring, with 128-bit-free 64-bit arithmetic (m < 2^32). */
EXPORT(pow_mod) u32 pow_mod(u32 x, u64 e, u32 m)
{
    u64 result = 1 % m, base = x % m;
    while (e) {
        if (e & 1) result = result * base % m;
        base = base * base % m;
        e >>= 1;
    }
    return (u32)result;
}

/* The sum of the square roots of 1..n, in double precision (the float path of the code generator). */
EXPORT(sum_sqrt) double sum_sqrt(u32 n)
{
    double sum = 0;
    for (u32 i = 1; i <= n; i++) sum += __builtin_sqrt((double)i);
    return sum;
}
