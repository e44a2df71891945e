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
            "has_sse3", "has_ssse3", "has_sse41", "has_sse42", "has_popcnt", "has_lzcnt", "has_bmi1",
        }, names);
        Assert.AreEqual("none", IsaFlags.Default.Entries.First().Value);
    }

    [TestMethod]
    public void X64FeaturesAndPresetsAreSettingsInTheKey()
    {
        Assert.IsTrue(IsaFlags.TryParse(["has_popcnt has_lzcnt has_bmi1=true sse41"], out var f, out var error), error);
        Assert.IsTrue(f.HasPopcnt && f.HasLzcnt && f.HasBmi1 && f.HasSse3 && f.HasSsse3 && f.HasSse41);
        Assert.IsFalse(f.HasSse42, "the sse41 preset stops at SSE4.1");
        CollectionAssert.Contains(f.Entries.ToArray(), ("has_sse41", "true"));
        CollectionAssert.Contains(IsaFlags.Default.Entries.ToArray(), ("has_popcnt", "false"));
        Assert.IsTrue(IsaFlags.TryParse(["sse42"], out f, out _));
        Assert.IsTrue(f.HasSse42 && f.HasSse41);
        Assert.IsFalse(IsaFlags.TryParse(["sse41=false"], out _, out error));
        Assert.IsFalse(IsaFlags.TryParse(["has_avx"], out _, out error));
        StringAssert.Contains(error, "has_avx");
        Assert.IsFalse(IsaFlags.TryParse(["has_bmi2"], out _, out _));
    }

    [TestMethod]
    public void S390xRefusesX64Features()
    {
        Assert.IsFalse(IsaRegistry.TryLookup(TargetTriple.Parse("s390x"), IsaFlags.Default with { HasPopcnt = true }, out _, out var d));
        Assert.AreEqual("STN3004", d!.Code);
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
        CollectionAssert.Contains(gd.Entries.ToArray(), ("tls_model", "elf_gd"));
        Assert.IsTrue(IsaFlags.TryParse(["tls_model=elf_gd", "tls_model=none"], out var none, out _));
        Assert.AreEqual(IsaFlags.Default, none);
    }
}
