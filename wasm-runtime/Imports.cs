namespace Stencil.Wasm.Runtime;

/// <summary>What instantiation may import, by module and name (a host module's items, or a registered instance's exports).</summary>
public sealed class Imports
{
    private readonly Dictionary<(string Module, string Name), IExtern> _items = [];

    public Imports Define(string module, string name, IExtern item)
    {
        _items[(module, name)] = item;
        return this;
    }

    /// <summary>Every export of <paramref name="instance"/> under <paramref name="module"/> (the spec scripts' <c>register</c>).</summary>
    public Imports DefineInstance(string module, Instance instance)
    {
        foreach (var (name, item) in instance.Exports) _items[(module, name)] = item;
        return this;
    }

    public bool TryGet(string module, string name, out IExtern item) => _items.TryGetValue((module, name), out item!);
}
