namespace Stencil.Isa.Backend;

/// <summary>
/// A register operand: either a physical register (hardware encoding + class) or a virtual register
/// the allocator will map to one. Physical registers written by lowering are fixed constraints
/// (argument registers, division's rax:rdx, shift counts in cl).
/// </summary>
public readonly record struct Reg
{
    private const uint VirtualBit = 1u << 31;
    private readonly uint _bits;
    private Reg(uint bits) => _bits = bits;

    public static Reg Phys(int hwEnc, RegClass cls) => new((uint)hwEnc | ((uint)cls << 8));
    public static Reg Virt(int index, RegClass cls) => new(VirtualBit | ((uint)index << 1) | (uint)cls);

    public bool IsVirtual => (_bits & VirtualBit) != 0;
    public bool IsPhysical => !IsVirtual;
    public RegClass Class => IsVirtual ? (RegClass)(_bits & 1) : (RegClass)((_bits >> 8) & 1);
    /// <summary>Index of a virtual register.</summary>
    public int VirtIndex => IsVirtual ? (int)((_bits & ~VirtualBit) >> 1) : throw new InvalidOperationException($"{this} is not virtual");
    /// <summary>Hardware encoding of a physical register (0-15).</summary>
    public int HwEnc => IsPhysical ? (int)(_bits & 0xFF) : throw new InvalidOperationException($"{this} is not physical");
    /// <summary>Dense index of a physical register over both classes: ints 0-31, floats 32-63.</summary>
    public int PhysIndex => HwEnc + (Class == RegClass.Float ? PhysRegCount / 2 : 0);

    /// <summary>Size of the <see cref="PhysIndex"/> space.</summary>
    public const int PhysRegCount = 64;

    public static Reg FromPhysIndex(int index) => index < PhysRegCount / 2 ? Phys(index, RegClass.Int) : Phys(index - PhysRegCount / 2, RegClass.Float);

    public override string ToString() => IsVirtual
        ? (Class == RegClass.Int ? "v" : "vf") + VirtIndex
        : (Class == RegClass.Int ? "p" : "pf") + HwEnc;
}
