using System.Runtime.InteropServices;

namespace Stencil.Isa.Tests;

/// <summary>
/// Every 32-bit offset the verifier accepts compiles and addresses base + offset, at the extremes too: the
/// tests pass base = p - offset so that the access lands on a buffer p.
/// </summary>
[TestClass]
public sealed unsafe class LargeOffsetExecutionTests
{
    private static readonly int[] Offsets = [int.MaxValue, int.MaxValue - 7, int.MaxValue - 8, int.MinValue, int.MinValue + 8, -8, 0x1234_5678];

    private static void ForEachLevel(Action<string> test)
    {
        foreach (var level in new[] { "opt_level=none", "opt_level=speed" }) test(level);
    }

    [TestMethod]
    public void I128LoadsAndStoresAtAnyOffset()
    {
        ForEachLevel(level =>
        {
            foreach (var offset in Offsets)
            {
                // Loads the i128 at v0+offset and stores it back, swapped, at v1+offset.
                var code = ClifIsa.Compile($$"""
                    function %swap(i64, i64) {
                    block0(v0: i64, v1: i64):
                        v2 = load.i128 v0{{Signed(offset)}}
                        v3, v4 = isplit v2
                        v5 = iconcat v4, v3
                        store v5, v1{{Signed(offset)}}
                        return
                    }
                    """, level);
                using var image = new JitImage(code);
                var buffer = (ulong*)NativeMemory.Alloc(32);
                try
                {
                    buffer[0] = 0x1111; buffer[1] = 0x2222; buffer[2] = 0; buffer[3] = 0;
                    ((delegate* unmanaged<nint, nint, void>)image[0])((nint)buffer - offset, (nint)(buffer + 2) - offset);
                    Assert.AreEqual(0x2222UL, buffer[2], $"{level} offset {offset}");
                    Assert.AreEqual(0x1111UL, buffer[3], $"{level} offset {offset}");
                }
                finally { NativeMemory.Free(buffer); }
            }
        });
    }

    [TestMethod]
    public void ScalarAccessesOfEveryWidthAtAnyOffset()
    {
        ForEachLevel(level =>
        {
            foreach (var offset in Offsets)
            {
                var o = Signed(offset);
                var code = ClifIsa.Compile($$"""
                    function %widths(i64, i64) -> i64 {
                    block0(v0: i64, v1: i64):
                        v2 = uload8.i64 v0{{o}}
                        v3 = sload16.i64 v0{{o}}
                        v4 = uload32.i64 v0{{o}}
                        v5 = load.i64 v0{{o}}
                        v6 = load.f64 v0{{o}}
                        istore8 v5, v1{{o}}
                        istore16 v5, v1{{o}}
                        istore32 v5, v1{{o}}
                        store v6, v1{{o}}
                        v7 = iadd v2, v3
                        v8 = iadd v7, v4
                        v9 = iadd v8, v5
                        return v9
                    }
                    """, level);
                using var image = new JitImage(code);
                var buffer = (ulong*)NativeMemory.Alloc(16);
                try
                {
                    buffer[0] = 0x0000_0003_0000_8002; buffer[1] = 0;
                    long sum = ((delegate* unmanaged<nint, nint, long>)image[0])((nint)buffer - offset, (nint)(buffer + 1) - offset);
                    // uload8 2 + sload16 0x8002 (negative) + uload32 0x8002 + the whole word.
                    long expected = 2 + unchecked((short)0x8002) + 0x8002 + 0x0000_0003_0000_8002;
                    Assert.AreEqual(expected, sum, $"{level} offset {offset}");
                    Assert.AreEqual(buffer[0], buffer[1], $"{level} offset {offset}");
                }
                finally { NativeMemory.Free(buffer); }
            }
        });
    }

    [TestMethod]
    public void AtomicsAndGlobalValueLoadsAtAnyOffset()
    {
        ForEachLevel(level =>
        {
            foreach (var offset in Offsets)
            {
                // Atomics take no offset: the address is computed with iadd_imm, which must not overflow either.
                var code = ClifIsa.Compile($$"""
                    function %atomics(i64 vmctx, i64) -> i64 {
                        gv0 = vmctx
                        gv1 = load.i64 notrap aligned gv0{{Signed(offset)}}
                    block0(v0: i64, v1: i64):
                        v2 = global_value.i64 gv1
                        v3 = iadd_imm v1, {{offset}}
                        v4 = atomic_rmw.i64 add v3, v2
                        v5 = atomic_load.i64 v3
                        v6 = iadd v4, v5
                        return v6
                    }
                    """, level);
                using var image = new JitImage(code);
                var buffer = (long*)NativeMemory.Alloc(16);
                try
                {
                    buffer[0] = 5; buffer[1] = 100;
                    long result = ((delegate* unmanaged<nint, nint, long>)image[0])((nint)buffer - offset, (nint)(buffer + 1) - offset);
                    Assert.AreEqual(100 + 105L, result, $"{level} offset {offset}");
                    Assert.AreEqual(105L, buffer[1], $"{level} offset {offset}");
                }
                finally { NativeMemory.Free(buffer); }
            }
        });
    }

    [TestMethod]
    public void GlobalValueOffsetsBeyond32BitsCompile()
    {
        ForEachLevel(level =>
        {
            foreach (var offset in new[] { 0x1_0000_0000L, -0x1_0000_0008L })
            {
                var code = ClifIsa.Compile($$"""
                    function %far(i64 vmctx) -> i64 {
                        gv0 = vmctx
                        gv1 = load.i64 notrap aligned gv0{{(offset < 0 ? "" : "+")}}{{offset}}
                        gv2 = symbol colocated %far{{(offset < 0 ? "" : "+")}}{{offset}}
                    block0(v0: i64):
                        v1 = global_value.i64 gv1
                        v2 = symbol_value.i64 gv2
                        return v1
                    }
                    """, level);
                using var image = new JitImage(code);
                var buffer = (long*)NativeMemory.Alloc(8);
                try
                {
                    buffer[0] = 1234;
                    Assert.AreEqual(1234L, ((delegate* unmanaged<nint, long>)image[0])((nint)buffer - (nint)offset), $"{level} offset {offset}");
                }
                finally { NativeMemory.Free(buffer); }
            }
        });
    }

    /// <summary>The offset as CLIF writes it after an address: <c>+123</c> or <c>-123</c>.</summary>
    private static string Signed(int offset) => offset < 0 ? offset.ToString() : "+" + offset;
}
