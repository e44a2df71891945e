/* Integer kernels compiled twice by ClangModuleTests: to WebAssembly by clang-14 (then run by `stencil run`) and to
 * native code by gcc; every call must print the same result both ways. Freestanding: no libc, no libcalls. */
typedef int i32;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name)))
#else
#define EXPORT(name)
#endif

EXPORT(gcd) i64 gcd(i64 a, i64 b) { if (a < 0) a = -a; if (b < 0) b = -b; while (b) { i64 t = a % b; a = b; b = t; } return a; }
EXPORT(collatz) i32 collatz(u64 n) { i32 s = 0; while (n > 1) { n = (n & 1) ? 3 * n + 1 : n / 2; s++; } return s; }
EXPORT(pow_mod) u32 pow_mod(u32 x, u64 e, u32 m)
{
    u64 r = 1 % m, b = x % m;
    for (; e; e >>= 1) { if (e & 1) r = r * b % m; b = b * b % m; }
    return (u32)r;
}
EXPORT(isqrt) u64 isqrt(u64 n)
{
    if (n < 2) return n;
    u64 x = n, y = (x >> 1) + (x & 1);
    while (y < x) { x = y; y = (x + n / x) / 2; }
    return x;
}
EXPORT(popcount) i32 popcount(u64 x) { return __builtin_popcountll(x); }
EXPORT(clz32) i32 clz32(u32 x) { return x ? __builtin_clz(x) : 32; }
EXPORT(ctz64) i32 ctz64(u64 x) { return x ? __builtin_ctzll(x) : 64; }
EXPORT(rotl32) u32 rotl32(u32 x, u32 n) { n &= 31; return n ? (x << n) | (x >> (32 - n)) : x; }
EXPORT(bit_reverse) u32 bit_reverse(u32 x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
    return (x >> 16) | (x << 16);
}
EXPORT(div_trunc) i32 div_trunc(i32 a, i32 b) { return a / b; }
EXPORT(rem_trunc) i64 rem_trunc(i64 a, i64 b) { return a % b; }
EXPORT(sext8) i64 sext8(i64 x) { return (signed char)x; }
EXPORT(sext16) i32 sext16(i32 x) { return (short)x; }
EXPORT(shl_masked) u32 shl_masked(u32 x, u32 n) { return x << (n & 31); }
EXPORT(sar64) i64 sar64(i64 x, i32 n) { return x >> (n & 63); }
EXPORT(fib_mod) i32 fib_mod(i32 n)
{
    i32 a = 0, b = 1;
    for (i32 i = 0; i < n; i++) { i32 t = (a + b) % 1000000007; a = b; b = t; }
    return a;
}
EXPORT(reverse_digits) i64 reverse_digits(i64 n)
{
    i64 sign = n < 0 ? -1 : 1, r = 0;
    u64 m = n < 0 ? (u64)0 - (u64)n : (u64)n;
    for (; m; m /= 10) r = r * 10 + (i64)(m % 10);
    return sign * r;
}
EXPORT(saturating_add) i32 saturating_add(i32 a, i32 b)
{
    i64 s = (i64)a + b;
    return s > 2147483647 ? 2147483647 : s < -2147483647 - 1 ? -2147483647 - 1 : (i32)s;
}
EXPORT(min_max_mix) i64 min_max_mix(i64 a, i64 b, i64 c)
{
    i64 lo = a < b ? a : b, hi = a < b ? b : a;
    return (c < lo ? lo : c > hi ? hi : c) * 3 - lo + hi;
}
