namespace Stencil.Ir.Collections;

/// <summary>
/// A value per entity index, <c>default</c> where none was set (Cranelift's secondary map). Dense indices
/// live in an array that grows on demand; indices from <see cref="EntitySet.DenseLimit"/> up, which only
/// hand-damaged functions hold, live in a dictionary so they cannot make the array gigabytes long.
/// </summary>
internal sealed class EntityMap<T>
{
    private T[] _dense = [];
    private Dictionary<uint, T>? _sparse;

    /// <summary>Makes room for indices below <paramref name="count"/> without regrowing.</summary>
    public void Reserve(int count)
    {
        if (count > _dense.Length) Array.Resize(ref _dense, (int)Math.Min((uint)count, EntitySet.DenseLimit));
    }

    public T this[uint index]
    {
        get
        {
            if (index < (uint)_dense.Length) return _dense[index];
            return index >= EntitySet.DenseLimit && _sparse is not null && _sparse.TryGetValue(index, out var v) ? v : default!;
        }
        set
        {
            if (index < (uint)_dense.Length) _dense[index] = value;
            else if (index >= EntitySet.DenseLimit) (_sparse ??= [])[index] = value;
            else
            {
                Array.Resize(ref _dense, (int)Math.Max(index + 1, Math.Min((uint)_dense.Length * 2, EntitySet.DenseLimit)));
                _dense[index] = value;
            }
        }
    }
}
