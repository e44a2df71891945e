using Stencil.Ir.Entities;
using Stencil.Ir.Names;
using Stencil.Ir.Text;

namespace Stencil.Ir.Tests.Text;

/// <summary>The names ELF TLS general-dynamic code refers to read and print in Cranelift's text form.</summary>
[TestClass]
public sealed class TlsNameTests
{
    private const string Text = """
        function %tls(i64) -> i64 {
            gv0 = symbol colocated tls u1:0
            gv1 = symbol tls %tls_ext
            gv2 = symbol %ElfGlobalOffsetTable
            sig0 = (i64) -> i64
            fn0 = %ElfTlsGetAddr sig0
            fn1 = %ElfTlsGetOffset sig0

        block0(v0: i64):
            v1 = tls_value.i64 gv0
            v2 = tls_value.i64 gv1
            v3 = symbol_value.i64 gv2
            v4 = call fn0(v1)
            v5 = call fn1(v2)
            v6 = iadd v4, v5
            v7 = iadd v6, v3
            return v7
        }

        """;

    [TestMethod]
    public void KnownSymbolLibCallsAndTlsFlagAreRead()
    {
        var f = ClifReader.ParseFunction(Text, "tls.clif");
        var gvs = f.Stencil.GlobalValues;
        Assert.IsTrue(gvs[0].Tls && gvs[0].Colocated);
        Assert.IsTrue(gvs[1].Tls && !gvs[1].Colocated);
        Assert.AreEqual(UserExternalName.FromSymbol("tls_ext"), f.Params.GetUserName(gvs[1].Name.UserRef));
        Assert.IsFalse(gvs[2].Tls);
        Assert.AreEqual(ExternalName.FromKnownSymbol(KnownSymbol.ElfGlobalOffsetTable), gvs[2].Name);
        Assert.AreEqual(ExternalName.FromLibCall(LibCall.ElfTlsGetAddr), f.Dfg.ExtFuncs[0].Name);
        Assert.AreEqual(ExternalName.FromLibCall(LibCall.ElfTlsGetOffset), f.Dfg.ExtFuncs[1].Name);
        Assert.AreEqual("_GLOBAL_OFFSET_TABLE_", KnownSymbol.ElfGlobalOffsetTable.SymbolName());
        Assert.AreEqual("__tls_get_addr", LibCall.ElfTlsGetAddr.SymbolName());
        Assert.AreEqual("__tls_get_offset", LibCall.ElfTlsGetOffset.SymbolName());
    }

    [TestMethod]
    public void TheyPrintAsTheyAreWritten()
    {
        var printed = ClifWriter.Write(ClifReader.ParseFunction(Text, "tls.clif"));
        StringAssert.Contains(printed, "gv0 = symbol colocated tls u1:0");
        StringAssert.Contains(printed, "gv1 = symbol tls %tls_ext");
        StringAssert.Contains(printed, "gv2 = symbol %ElfGlobalOffsetTable");
        StringAssert.Contains(printed, "fn0 = %ElfTlsGetAddr sig0");
        StringAssert.Contains(printed, "fn1 = %ElfTlsGetOffset sig0");
        StringAssert.Contains(printed, "v1 = tls_value.i64 gv0");
        Assert.AreEqual(printed, ClifWriter.Write(ClifReader.ParseFunction(printed, "again.clif")), "printing is a fixed point");
    }
}
