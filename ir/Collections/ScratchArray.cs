namespace Stencil.Ir.Collections;

/// <summary>
/// Working arrays kept per thread and refilled function after function (the mid-end's analyses, the register
/// allocators): they only grow, doubling, so after the first few functions compiling allocates none.
/// </summary>
public static class ScratchArray
{
    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="length"/> items (contents not kept).</summary>
    public static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[Math.Max(length, buffer.Length * 2)];
    }
}
