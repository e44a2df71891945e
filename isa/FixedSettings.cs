namespace Stencil.Isa;

/// <summary>
/// Cranelift settings Stencil accepts at exactly one value: the value that asks for nothing Stencil's x86-64 code does
/// differently. The other values would ask for something Stencil does not do, so they are refused (STN4004) rather than
/// ignored. None of them has an entry in <see cref="IsaFlags.Entries"/>: the one accepted value changes no code.
/// </summary>
internal static class FixedSettings
{
    /// <summary>Per setting: the one accepted value (as <see cref="IsaFlags"/> canonical text) and what the others would ask for.</summary>
    private static readonly Dictionary<string, (string Value, string Refusal)> Table = new(StringComparer.Ordinal)
    {
        // Cranelift's default is true; Stencil writes no .eh_frame or other unwind tables.
        ["unwind_info"] = ("false", "Stencil emits no unwind information"),
        // true only adds block offsets and CFG edges to the compiled code's metadata, which Stencil does not produce.
        ["machine_code_cfg_info"] = ("false", "Stencil produces no machine-code CFG metadata"),
        // Only AArch64's br_table reads it in Cranelift; Stencil's x86-64 br_table is a compare chain with no table load to guard.
        ["enable_table_access_spectre_mitigation"] = ("false", "Stencil has no table accesses to add a Spectre guard to"),
        // true reserves r15 for get_pinned_reg/set_pinned_reg (and takes it out of the callee-saved set); Stencil allocates r15.
        ["enable_pinned_reg"] = ("false", "Stencil has no pinned register (r15 is allocated as usual)"),
        // true rewrites every float result to a canonical NaN before optimization; Stencil keeps the NaNs the hardware gives.
        ["enable_nan_canonicalization"] = ("false", "Stencil does not canonicalize NaNs"),
        // n > 0 pads each basic block with 2^(n-1) zero bytes, a debugging aid Stencil does not implement.
        ["bb_padding_log2_minus_one"] = ("0", "Stencil inserts no padding between basic blocks"),
    };

    public static bool Contains(string name) => Table.ContainsKey(name);

    /// <summary>Checks <paramref name="value"/> (null: a bare name, i.e. true) for a setting of <see cref="Table"/>.</summary>
    public static bool TryCheck(string name, string? value, out string? error)
    {
        var (only, refusal) = Table[name];
        string? canonical = only == "0" ? Number(value) : Bool(value);
        if (canonical is null)
        {
            error = value is null ? $"setting `{name}` needs a value ({only})" : $"`{value}` is not a value of setting `{name}` ({only})";
            return false;
        }
        if (canonical == only)
        {
            error = null;
            return true;
        }
        error = $"setting `{name}={value ?? canonical}` is not supported: {refusal} (only `{name}={only}`)";
        return false;
    }

    private static string? Bool(string? text) => IsaFlags.TryParseBool(text, out bool b) ? (b ? "true" : "false") : null;

    private static string? Number(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)
            ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
