namespace Stencil.Isa.S390x;

/// <summary>
/// The z/Architecture facilities a function may use beyond the z14 baseline (which includes miscellaneous-instruction
/// extensions 2, <c>has_mie2</c>): <c>has_mie3</c> (z15, also implied by <c>arch13</c>) adds the negated logical
/// operations and a population count of the whole register. <c>arch15</c> (z17) is refused: neither binutils 2.40 nor
/// qemu 7.2 know its instructions.
/// </summary>
public sealed record S390xFeatures(bool HasMie3)
{
    public static S390xFeatures Baseline { get; } = new(false);

    /// <summary>Applies the flags of a <c>target s390x ...</c> line; false with a message for one this backend refuses.</summary>
    public static bool TryParse(IEnumerable<string> flags, out S390xFeatures features, out string? error)
    {
        features = Baseline;
        error = null;
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case "has_mie2" or "has_vxrs_ext2":
                    break;
                case "has_mie3" or "arch13":
                    features = features with { HasMie3 = true };
                    break;
                case "arch15" or "has_mie4" or "has_vxrs_ext3":
                    error = $"`{flag}` (z17) is not supported: the s390x backend targets z14 and z15";
                    return false;
                default:
                    error = $"unknown s390x flag `{flag}`";
                    return false;
            }
        }
        return true;
    }
}
