namespace Stencil.Isa;

/// <summary>
/// The shared code-generation settings (Cranelift's <c>settings::Flags</c> subset that Stencil honours).
/// Every setting is part of the cache key through <see cref="Entries"/>, which lists all of them,
/// defaults included, in one fixed order. Each does on x86-64 what Cranelift's x64 backend does with it
/// (isa/README.md has the details): <c>opt_level</c> runs the mid-end and optimizing backend paths at
/// anything but <c>none</c> (<c>speed_and_size</c> is <c>speed</c>, as in Cranelift, which only asks
/// whether the level is <c>none</c>); <c>preserve_frame_pointers</c> is always satisfied, every frame keeps rbp;
/// <c>enable_probestack</c>/<c>probestack_strategy</c> probe large frames; <c>enable_llvm_abi_extensions</c>
/// adds rcx as a third integer return register; <c>enable_multi_ret_implicit_sret</c> returns what does not fit
/// in registers through a caller-provided area; <c>is_pic</c> reaches every symbol address, and calls outside
/// the module, through the GOT; <c>probestack_size_log2</c> is the guard size probing works with; <c>tls_model</c>
/// (<c>none</c> or <c>elf_gd</c>) is what <c>tls_value</c> compiles to;
/// <c>unwind_info</c> accepts only <c>false</c> (no unwind tables are written); likewise <c>machine_code_cfg_info</c>
/// (only <c>false</c>: no CFG metadata), <c>enable_table_access_spectre_mitigation</c> (only <c>false</c>: Cranelift's x64
/// backend never reads it and Stencil's <c>br_table</c> loads from no table), <c>enable_pinned_reg</c> (only <c>false</c>:
/// no register is reserved), <c>enable_nan_canonicalization</c> (only <c>false</c>: NaNs are not rewritten) and
/// <c>bb_padding_log2_minus_one</c> (only <c>0</c>: no padding between blocks). Those accept exactly the value that asks
/// for nothing Stencil does differently and refuse the others (<see cref="FixedSettings"/>), so they have no entries.
/// The x86-64 CPU features (<c>has_sse3</c>, <c>has_ssse3</c>, <c>has_sse41</c>, <c>has_sse42</c>, <c>has_popcnt</c>,
/// <c>has_lzcnt</c>, <c>has_bmi1</c>, and the presets <c>sse3</c> to <c>sse42</c>) are settings too, usually named on the
/// <c>target</c> line; they select the instructions Cranelift selects with them (SSE3, SSSE3 and SSE4.2 only matter for
/// vectors, which Stencil does not compile, and for popcnt); the other features are refused.
/// </summary>
public sealed record IsaFlags
{
    public static IsaFlags Default { get; } = new();

    public OptLevel OptLevel { get; init; } = OptLevel.None;
    public bool PreserveFramePointers { get; init; }
    public bool EnableProbestack { get; init; }
    public ProbestackStrategy ProbestackStrategy { get; init; } = ProbestackStrategy.Outline;
    /// <summary>log2 of the guard region: frames at least this large are probed, inline probes step by it.</summary>
    public int ProbestackSizeLog2 { get; init; } = 12;
    /// <summary>The largest <see cref="ProbestackSizeLog2"/>: the guard size must fit the 32-bit immediate of <c>sub rsp</c>.</summary>
    public const int MaxProbestackSizeLog2 = 30;
    public bool EnableLlvmAbiExtensions { get; init; }
    public bool EnableMultiRetImplicitSret { get; init; }
    public bool IsPic { get; init; }
    /// <summary>What <c>tls_value</c> compiles to; <see cref="TlsModel.None"/> refuses it.</summary>
    public TlsModel TlsModel { get; init; }

    // x86-64 CPU features beyond the SSE2 baseline, as Cranelift's x64 settings name them (usually on the target line:
    // `target x86_64 sse41 has_popcnt`). Only the s390x backend refuses them (IsaRegistry).
    public bool HasSse3 { get; init; }
    public bool HasSsse3 { get; init; }
    /// <summary>roundss/roundsd for ceil, floor, trunc and nearest.</summary>
    public bool HasSse41 { get; init; }
    public bool HasSse42 { get; init; }
    /// <summary>popcnt, used (as by Cranelift) only together with <see cref="HasSse42"/>.</summary>
    public bool HasPopcnt { get; init; }
    /// <summary>lzcnt for clz.</summary>
    public bool HasLzcnt { get; init; }
    /// <summary>tzcnt for ctz, andn for band_not.</summary>
    public bool HasBmi1 { get; init; }

    /// <summary>Whether any x86-64 CPU feature is set.</summary>
    public bool HasX64Features => HasSse3 || HasSsse3 || HasSse41 || HasSse42 || HasPopcnt || HasLzcnt || HasBmi1;

    /// <summary>Every setting as (name, value text), always all of them and always in this order.</summary>
    public IEnumerable<(string Name, string Value)> Entries
    {
        get
        {
            yield return ("opt_level", OptLevelText(OptLevel));
            yield return ("preserve_frame_pointers", Bool(PreserveFramePointers));
            yield return ("enable_probestack", Bool(EnableProbestack));
            yield return ("probestack_strategy", ProbestackStrategy == ProbestackStrategy.Inline ? "inline" : "outline");
            yield return ("probestack_size_log2", ProbestackSizeLog2.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return ("enable_llvm_abi_extensions", Bool(EnableLlvmAbiExtensions));
            yield return ("enable_multi_ret_implicit_sret", Bool(EnableMultiRetImplicitSret));
            yield return ("is_pic", Bool(IsPic));
            yield return ("tls_model", TlsModel == TlsModel.ElfGd ? "elf_gd" : "none");
            yield return ("has_sse3", Bool(HasSse3));
            yield return ("has_ssse3", Bool(HasSsse3));
            yield return ("has_sse41", Bool(HasSse41));
            yield return ("has_sse42", Bool(HasSse42));
            yield return ("has_popcnt", Bool(HasPopcnt));
            yield return ("has_lzcnt", Bool(HasLzcnt));
            yield return ("has_bmi1", Bool(HasBmi1));
        }
    }

    /// <summary>
    /// Applies settings lines to the defaults. Each string holds one or more space-separated settings,
    /// optionally after the word <c>set</c>: <c>set opt_level=speed</c>, <c>is_pic</c>,
    /// <c>preserve_frame_pointers=false enable_probestack</c>. A bare boolean name means true.
    /// </summary>
    public static bool TryParse(IEnumerable<string> settings, out IsaFlags flags, out string? error)
    {
        flags = Default;
        foreach (var line in settings)
            if (!flags.TryApply(line, out flags, out error)) return false;
        error = null;
        return true;
    }

    /// <summary>Applies one settings line (see <see cref="TryParse"/>) to this set of flags.</summary>
    public bool TryApply(string line, out IsaFlags result, out string? error)
    {
        result = this;
        error = null;
        foreach (var (name, value) in Items([line]))
            if (!result.TrySet(name, value, out result, out error)) return false;
        return true;
    }

    /// <summary>The items of settings lines (see <see cref="TryParse"/>) as (name, value), value null for a bare name.</summary>
    public static IEnumerable<(string Name, string? Value)> Items(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var words = (line ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (int i = words.Length > 0 && words[0] == "set" ? 1 : 0; i < words.Length; i++)
            {
                int eq = words[i].IndexOf('=');
                yield return eq < 0 ? (words[i], null) : (words[i][..eq], words[i][(eq + 1)..]);
            }
        }
    }

    /// <summary>Sets one setting by name; <paramref name="value"/> null means "true" for booleans.</summary>
    public bool TrySet(string name, string? value, out IsaFlags result, out string? error)
    {
        result = this;
        error = null;
        switch (name)
        {
            case "opt_level":
                if (!TryParseOptLevel(value, out var level)) return Fail(out error, name, value, "none, speed, speed_and_size");
                result = this with { OptLevel = level };
                return true;
            case "probestack_strategy":
                if (value is not ("outline" or "inline")) return Fail(out error, name, value, "outline, inline");
                result = this with { ProbestackStrategy = value == "inline" ? ProbestackStrategy.Inline : ProbestackStrategy.Outline };
                return true;
            case "probestack_size_log2":
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int log2) || log2 > MaxProbestackSizeLog2)
                    return Fail(out error, name, value, $"0 to {MaxProbestackSizeLog2}");
                result = this with { ProbestackSizeLog2 = log2 };
                return true;
            case "tls_model":
                // Cranelift's coff and macho models name other object formats; Stencil writes only ELF.
                if (value is "coff" or "macho")
                {
                    error = $"setting `tls_model={value}` is not supported: Stencil writes ELF objects (only `tls_model=elf_gd` or `none`)";
                    return false;
                }
                if (value is not ("none" or "elf_gd")) return Fail(out error, name, value, "none, elf_gd");
                result = this with { TlsModel = value == "elf_gd" ? TlsModel.ElfGd : TlsModel.None };
                return true;
        }
        // Cranelift's x64 presets switch on a feature and every older one.
        if (name is "sse3" or "ssse3" or "sse41" or "sse42")
        {
            if (!TryParseBool(value, out bool on) || !on) return Fail(out error, name, value, "a preset is only switched on");
            result = this with
            {
                HasSse3 = true,
                HasSsse3 = HasSsse3 || name != "sse3",
                HasSse41 = HasSse41 || name is "sse41" or "sse42",
                HasSse42 = HasSse42 || name == "sse42",
            };
            return true;
        }
        if (UnsupportedX64Features.Contains(name))
        {
            error = $"x86-64 CPU feature `{name}` is not supported: Stencil's x64 backend uses has_sse3, has_ssse3, has_sse41, has_sse42, has_popcnt, has_lzcnt and has_bmi1 (and the presets sse3, ssse3, sse41, sse42)";
            return false;
        }
        // Settings with one accepted value (unwind_info=false, ...): that value changes nothing, the others are refused.
        if (FixedSettings.Contains(name)) return FixedSettings.TryCheck(name, value, out error);
        if (!IsBoolSetting(name))
        {
            error = $"unknown setting `{name}`";
            return false;
        }
        if (!TryParseBool(value, out bool b)) return Fail(out error, name, value, "true, false");
        result = name switch
        {
            "preserve_frame_pointers" => this with { PreserveFramePointers = b },
            "enable_probestack" => this with { EnableProbestack = b },
            "enable_llvm_abi_extensions" => this with { EnableLlvmAbiExtensions = b },
            "enable_multi_ret_implicit_sret" => this with { EnableMultiRetImplicitSret = b },
            "has_sse3" => this with { HasSse3 = b },
            "has_ssse3" => this with { HasSsse3 = b },
            "has_sse41" => this with { HasSse41 = b },
            "has_sse42" => this with { HasSse42 = b },
            "has_popcnt" => this with { HasPopcnt = b },
            "has_lzcnt" => this with { HasLzcnt = b },
            "has_bmi1" => this with { HasBmi1 = b },
            _ => this with { IsPic = b },
        };
        return true;
    }

    private static bool IsBoolSetting(string name) =>
        name is "preserve_frame_pointers" or "enable_probestack" or "enable_llvm_abi_extensions" or "enable_multi_ret_implicit_sret" or "is_pic"
            or "has_sse3" or "has_ssse3" or "has_sse41" or "has_sse42" or "has_popcnt" or "has_lzcnt" or "has_bmi1";

    /// <summary>Cranelift's other x64 features and CPU presets: refused with a message naming the ones Stencil uses.</summary>
    private static readonly HashSet<string> UnsupportedX64Features = new(StringComparer.Ordinal)
    {
        "has_bmi2", "has_avx", "has_avx2", "has_fma", "has_cmpxchg16b", "has_avx_vnni", "has_avx512bitalg", "has_avx512dq",
        "has_avx512vl", "has_avx512vbmi", "has_avx512f", "has_avx512vnni",
    };

    private static bool Fail(out string error, string name, string? value, string allowed)
    {
        error = value is null ? $"setting `{name}` needs a value ({allowed})" : $"`{value}` is not a value of setting `{name}` ({allowed})";
        return false;
    }

    private static bool TryParseOptLevel(string? text, out OptLevel level)
    {
        (bool ok, level) = text switch
        {
            "none" => (true, OptLevel.None),
            "speed" => (true, OptLevel.Speed),
            "speed_and_size" => (true, OptLevel.SpeedAndSize),
            _ => (false, OptLevel.None),
        };
        return ok;
    }

    internal static bool TryParseBool(string? text, out bool value)
    {
        (bool ok, value) = text switch
        {
            null or "true" or "on" or "yes" or "1" => (true, true),
            "false" or "off" or "no" or "0" => (true, false),
            _ => (false, false),
        };
        return ok;
    }

    private static string Bool(bool b) => b ? "true" : "false";
    private static string OptLevelText(OptLevel l) => l switch { OptLevel.Speed => "speed", OptLevel.SpeedAndSize => "speed_and_size", _ => "none" };

    /// <summary>The settings as <c>set</c> lines, one per setting, in <see cref="Entries"/> order.</summary>
    public override string ToString() => string.Join("\n", Entries.Select(e => $"set {e.Name}={e.Value}"));
}
