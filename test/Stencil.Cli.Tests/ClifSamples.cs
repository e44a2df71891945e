namespace Stencil.Cli.Tests;

/// <summary>CLIF sources the tests compile.</summary>
public static class ClifSamples
{
    /// <summary>Two functions: arithmetic, a comparison and a branch in one, a call of it in the other.</summary>
    public const string Valid = """
        ; the larger of two signed words
        function %max2(i64, i64) -> i64 system_v {
        block0(v0: i64, v1: i64):
            v2 = icmp sgt v0, v1
            brif v2, block1, block2

        block1:
            return v0

        block2:
            return v1
        }

        ; max2(a + b, c)
        function %sum_max(i64, i64, i64) -> i64 system_v {
            fn0 = %max2(i64, i64) -> i64 system_v

        block0(v0: i64, v1: i64, v2: i64):
            v3 = iadd v0, v1
            v4 = call fn0(v3, v2)
            return v4
        }
        """;

    /// <summary>Line 3 has an instruction the reader does not know.</summary>
    public const string Malformed = """
        function %broken(i64) -> i64 system_v {
        block0(v0: i64):
            v1 = frobnicate v0, v0
            return v1
        }
        """;

    /// <summary>Parses, but adds an i64 to an i32, which the verifier rejects.</summary>
    public const string IllTyped = """
        function %mixed(i64, i32) -> i64 system_v {
        block0(v0: i64, v1: i32):
            v2 = iadd v0, v1
            return v2
        }
        """;
}
