namespace Stencil.Isa.Tests;

[TestClass]
public sealed class IsaFlagsTests
{
    [TestMethod]
    public void DefaultsListEverySettingInFixedOrder()
    {
        var names = IsaFlags.Default.Entries.Select(e => e.Name).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "opt_level", "preserve_frame_pointers", "enable_probestack", "probestack_strategy", "probestack_size_log2",
            "enable_llvm_abi_extensions", "enable_multi_ret_implicit_sret", "is_pic", "tls_model",
        }, names);
        Assert.AreEqual("none", IsaFlags.Default.Entries.First().Value);
    }

    [TestMethod]
    public void ParsesSetLinesAndBareBooleans()
    {
        Assert.IsTrue(IsaFlags.TryParse(["set opt_level=speed", "is_pic", "set preserve_frame_pointers=true enable_probestack probestack_strategy=inline"], out var f, out var error), error);
        Assert.AreEqual(OptLevel.Speed, f.OptLevel);
        Assert.IsTrue(f.IsPic);
        Assert.IsTrue(f.PreserveFramePointers);
        Assert.IsTrue(f.EnableProbestack);
        Assert.AreEqual(ProbestackStrategy.Inline, f.ProbestackStrategy);
        Assert.IsFalse(f.EnableLlvmAbiExtensions);

        Assert.IsTrue(IsaFlags.TryParse(["is_pic=false", "opt_level=speed_and_size"], out f, out _));
        Assert.IsFalse(f.IsPic);
        Assert.AreEqual(OptLevel.SpeedAndSize, f.OptLevel);
    }

    [TestMethod]
    [DataRow("opt_level=fast", "opt_level")]
    [DataRow("opt_level", "opt_level")]
    [DataRow("is_pic=maybe", "is_pic")]
    [DataRow("no_such_setting", "no_such_setting")]
    [DataRow("probestack_strategy=sideways", "probestack_strategy")]
    [DataRow("probestack_size_log2=31", "probestack_size_log2")]
    [DataRow("probestack_size_log2=-1", "probestack_size_log2")]
    [DataRow("unwind_info", "unwind_info=true")]
    [DataRow("unwind_info=true", "unwind_info=true")]
    [DataRow("machine_code_cfg_info=true", "Stencil produces no machine-code CFG metadata")]
    [DataRow("enable_table_access_spectre_mitigation", "enable_table_access_spectre_mitigation=true")]
    [DataRow("enable_pinned_reg", "only `enable_pinned_reg=false`")]
    [DataRow("enable_nan_canonicalization=true", "does not canonicalize NaNs")]
    [DataRow("bb_padding_log2_minus_one=21", "bb_padding_log2_minus_one=21")]
    [DataRow("bb_padding_log2_minus_one=-1", "bb_padding_log2_minus_one")]
    [DataRow("machine_code_cfg_info=maybe", "machine_code_cfg_info")]
    [DataRow("tls_model=coff", "Stencil writes ELF objects")]
    [DataRow("tls_model=macho", "only `tls_model=elf_gd`")]
    [DataRow("tls_model=elf_ie", "none, elf_gd")]
    [DataRow("tls_model", "tls_model")]
    public void RejectsBadSettingsWithAMessage(string line, string mentioned)
    {
        Assert.IsFalse(IsaFlags.TryParse([line], out _, out var error));
        StringAssert.Contains(error, mentioned);
    }

    [TestMethod]
    public void EqualSettingsGiveEqualEntries()
    {
        IsaFlags.TryParse(["opt_level=speed", "is_pic"], out var a, out _);
        IsaFlags.TryParse(["is_pic=true", "set opt_level=speed"], out var b, out _);
        Assert.AreEqual(a, b);
        CollectionAssert.AreEqual(a.Entries.ToArray(), b.Entries.ToArray());
        CollectionAssert.AreNotEqual(a.Entries.ToArray(), IsaFlags.Default.Entries.ToArray());
    }

    [TestMethod]
    [DataRow("unwind_info=false")]
    [DataRow("machine_code_cfg_info=false")]
    [DataRow("enable_table_access_spectre_mitigation=false")]
    [DataRow("enable_pinned_reg=false")]
    [DataRow("enable_nan_canonicalization=off")]
    [DataRow("bb_padding_log2_minus_one=0")]
    public void TheOneValueThatAsksForNothingDifferentIsAcceptedAndChangesNothing(string setting)
    {
        Assert.IsTrue(IsaFlags.TryParse([setting], out var f, out var error), error);
        Assert.AreEqual(IsaFlags.Default, f);
        CollectionAssert.AreEqual(IsaFlags.Default.Entries.ToArray(), f.Entries.ToArray(), "no key changes");
    }

    [TestMethod]
    public void TlsModelElfGdIsAcceptedAndKeyed()
    {
        Assert.IsTrue(IsaFlags.TryParse(["set tls_model=elf_gd"], out var gd, out var error), error);
        Assert.AreEqual(TlsModel.ElfGd, gd.TlsModel);
        Assert.AreEqual(TlsModel.None, IsaFlags.Default.TlsModel);
        Assert.AreEqual(("tls_model", "elf_gd"), gd.Entries.Last());
        Assert.IsTrue(IsaFlags.TryParse(["tls_model=elf_gd", "tls_model=none"], out var none, out _));
        Assert.AreEqual(IsaFlags.Default, none);
    }
}
