namespace Stencil.Ir.Interpretation;

/// <summary>
/// Hands out opaque addresses for symbols (func_addr, symbol_value) so call_indirect can map them back.
/// They sit far above the stack-slot range (yet within 32 bits, for 32-bit pointers), so loading through one traps as out of bounds.
/// </summary>
internal sealed class FunctionAddresses
{
    private const ulong Base = 0x7F00_0000, Stride = 16;
    private readonly List<CallTarget> _targets = [];
    private readonly Dictionary<string, int> _bySymbol = new(StringComparer.Ordinal);

    public ulong AddressOf(CallTarget target)
    {
        string key = target.LibCall is { } l ? "%libcall:" + l : target.Symbol;
        if (!_bySymbol.TryGetValue(key, out int index))
        {
            index = _targets.Count;
            _targets.Add(target);
            _bySymbol.Add(key, index);
        }
        return Base + (ulong)index * Stride;
    }

    public bool TryResolve(ulong address, out CallTarget target)
    {
        target = default;
        if (address < Base || (address - Base) % Stride != 0) return false;
        ulong index = (address - Base) / Stride;
        if (index >= (ulong)_targets.Count) return false;
        target = _targets[(int)index];
        return true;
    }
}
