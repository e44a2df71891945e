using System.Text.RegularExpressions;

namespace Stencil.Isa;

/// <summary>
/// A target triple <c>arch-vendor-os[-env]</c>, e.g. <c>x86_64-unknown-linux-gnu</c> or
/// <c>thumbv7em-none-eabihf</c>. Parsing accepts the short forms people write (<c>x86_64</c>,
/// <c>x86_64-linux-gnu</c>, <c>arm64-apple-darwin</c>) and <see cref="ToString"/> prints the one
/// canonical spelling, which is what the cache key hashes.
/// </summary>
public sealed partial record TargetTriple
{
    private static readonly string[] KnownOperatingSystems =
        ["linux", "windows", "macos", "darwin", "ios", "freebsd", "netbsd", "openbsd", "dragonfly", "android", "wasi", "none", "unknown", "fuchsia", "illumos", "solaris", "hermit"];

    private TargetTriple(Architecture architecture, string architectureName, string vendor, string operatingSystem, string? environment)
    {
        Architecture = architecture;
        ArchitectureName = architectureName;
        Vendor = vendor;
        OperatingSystem = operatingSystem;
        Environment = environment;
    }

    public Architecture Architecture { get; }
    /// <summary>The canonical architecture text (<c>x86_64</c>, <c>aarch64</c>, <c>armv7</c>, <c>thumbv7em</c>).</summary>
    public string ArchitectureName { get; }
    public string Vendor { get; }
    public string OperatingSystem { get; }
    /// <summary>The environment / ABI part (<c>gnu</c>, <c>musl</c>, <c>eabihf</c>), or null when absent.</summary>
    public string? Environment { get; }

    /// <summary>The canonical spelling of <see cref="X86_64Linux"/>, the triple Stencil compiles for when none is given:
    /// the one default every layer (engine, CLI, MSBuild task) uses.</summary>
    public const string DefaultName = "x86_64-unknown-linux-gnu";

    /// <summary>The triple Stencil compiles for when none is given.</summary>
    public static TargetTriple X86_64Linux { get; } = new(Architecture.X86_64, "x86_64", "unknown", "linux", "gnu");

    public static TargetTriple Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"`{text}` is not a target triple");

    public static bool TryParse(string? text, out TargetTriple triple)
    {
        triple = X86_64Linux;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().ToLowerInvariant().Split('-');
        foreach (var p in parts) if (!PartPattern().IsMatch(p)) return false;
        if (!TryParseArchitecture(parts[0], out var arch, out var archName)) return false;

        switch (parts.Length)
        {
            case 1:
                // A bare architecture means "like the host would be": Linux with the usual C library.
                triple = new TargetTriple(arch, archName, "unknown", "linux", arch == Architecture.Arm ? DefaultArmEnvironment(archName) : "gnu");
                return true;
            case 2:
                // arch-os (x86_64-linux) or arch-vendor with no os (thumbv7em-none: bare metal).
                triple = IsKnownOs(parts[1])
                    ? new TargetTriple(arch, archName, "unknown", parts[1], null)
                    : new TargetTriple(arch, archName, parts[1], "none", null);
                return true;
            case 3:
                // arch-vendor-os, or the Debian-style arch-os-env (x86_64-linux-gnu), or bare metal arch-none-env.
                if (parts[1] == "none") { triple = new TargetTriple(arch, archName, "unknown", "none", parts[2]); return true; }
                if (IsKnownOs(parts[1]) && !IsKnownOs(parts[2]))
                { triple = new TargetTriple(arch, archName, "unknown", parts[1], parts[2]); return true; }
                triple = new TargetTriple(arch, archName, parts[1], parts[2], null);
                return true;
            case 4:
                triple = new TargetTriple(arch, archName, parts[1], parts[2], parts[3]);
                return true;
            default:
                return false;
        }
    }

    private static bool IsKnownOs(string part) => Array.IndexOf(KnownOperatingSystems, part) >= 0;
    private static string DefaultArmEnvironment(string archName) => archName.StartsWith("thumb", StringComparison.Ordinal) ? "eabi" : "gnueabihf";

    private static bool TryParseArchitecture(string text, out Architecture arch, out string name)
    {
        (arch, name) = text switch
        {
            "x86_64" or "amd64" or "x64" => (Architecture.X86_64, "x86_64"),
            "aarch64" or "arm64" => (Architecture.Aarch64, "aarch64"),
            "s390x" => (Architecture.S390x, "s390x"),
            "riscv64" or "riscv64gc" or "riscv64imac" => (Architecture.Riscv64, text),
            _ => ((Architecture)255, ""),
        };
        if (name.Length > 0) return true;
        if (ArmPattern().IsMatch(text)) { arch = Architecture.Arm; name = text; return true; }
        return false;
    }

    public override string ToString() =>
        Environment is null ? $"{ArchitectureName}-{Vendor}-{OperatingSystem}" : $"{ArchitectureName}-{Vendor}-{OperatingSystem}-{Environment}";

    [GeneratedRegex("^[a-z0-9_.]+$")]
    private static partial Regex PartPattern();

    // arm, armeb, armv5te, armv6k, armv7, armv7a, armv7s, armv7k, armv8a, armv8.1a, thumbv6m, thumbv7em, thumbv8m.main, ...
    [GeneratedRegex(@"^(arm|thumb)(eb)?(v[4-9](\.[0-9])?[a-z]*(\.(main|base))?)?(eb)?$")]
    private static partial Regex ArmPattern();
}
