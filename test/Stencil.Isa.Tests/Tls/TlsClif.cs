namespace Stencil.Isa.Tests.Tls;

/// <summary>The function of Cranelift's <c>isa/x64/tls_elf.clif</c> and <c>isa/s390x/tls_elf.clif</c> (the same on both).</summary>
internal static class TlsClif
{
    public const string TlsElf = """
        function u0:0(i32) -> i64 {
            gv0 = symbol colocated tls u1:0

        block0(v0: i32):
            v1 = tls_value.i64 gv0
            return v1
        }
        """;
}
