namespace Stencil.Ir.Optimization;

/// <summary>
/// The disjoint kinds of memory a front end can promise an access touches, from its <see cref="MemFlags"/>
/// (Cranelift's <c>heap</c>, <c>table</c>, <c>vmctx</c>; everything else is <see cref="Other"/>). A store to one
/// region never changes what a load from another reads.
/// </summary>
internal enum AliasRegion { Heap, Table, Vmctx, Other }

internal static class AliasRegions
{
    public const int Count = 4;

    // MemFlags keeps these bits private to its text form; their values are fixed by the canonical encoding.
    private const ushort HeapBit = 8, TableBit = 16, VmctxBit = 32;

    public static AliasRegion Of(MemFlags flags) =>
        (flags.Bits & HeapBit) != 0 ? AliasRegion.Heap
        : (flags.Bits & TableBit) != 0 ? AliasRegion.Table
        : (flags.Bits & VmctxBit) != 0 ? AliasRegion.Vmctx
        : AliasRegion.Other;
}
