namespace Stencil.Ir.Collections;

/// <summary>
/// A set of entity indices (blocks, instructions, values). Functions number their entities densely from
/// zero, so membership is one bit in an array that grows on demand; indices from <see cref="DenseLimit"/>
/// up, which only hand-damaged functions hold, go to a hash set so that one stray <c>Block(4000000000)</c>
/// cannot make the array gigabytes long.
/// </summary>
internal sealed class EntitySet
{
    internal const uint DenseLimit = 1u << 24;

    private ulong[] _bits;
    private HashSet<uint>? _sparse;

    public EntitySet(int capacity = 0) => _bits = new ulong[(Math.Max(capacity, 0) + 63) >> 6];

    public bool Contains(uint index)
    {
        uint word = index >> 6;
        if (word < (uint)_bits.Length) return (_bits[word] & (1UL << (int)(index & 63))) != 0;
        return index >= DenseLimit && _sparse is not null && _sparse.Contains(index);
    }

    /// <summary>Adds the index; false when it was already there.</summary>
    public bool Add(uint index)
    {
        if (index >= DenseLimit) return (_sparse ??= []).Add(index);
        uint word = index >> 6;
        if (word >= (uint)_bits.Length) Array.Resize(ref _bits, (int)Math.Max(word + 1, (uint)_bits.Length * 2));
        ulong mask = 1UL << (int)(index & 63);
        if ((_bits[word] & mask) != 0) return false;
        _bits[word] |= mask;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_bits);
        _sparse?.Clear();
    }

    public void Remove(uint index)
    {
        uint word = index >> 6;
        if (word < (uint)_bits.Length) _bits[word] &= ~(1UL << (int)(index & 63));
        else _sparse?.Remove(index);
    }
}
