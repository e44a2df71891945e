using Stencil.Wasm.Module;

namespace Stencil.Wasm.Runtime.Instantiation;

/// <summary>Finds each import of a module and checks it against the import's type (the spec's "import matching").</summary>
internal static class ImportLinker
{
    public static IExtern[] Resolve(WasmModule module, Imports imports)
    {
        var resolved = new IExtern[module.Imports.Count];
        for (int i = 0; i < resolved.Length; i++)
        {
            var import = module.Imports[i];
            if (!imports.TryGet(import.ModuleName, import.Name, out var item))
                throw new WasmLinkException($"unknown import \"{import.ModuleName}\" \"{import.Name}\"");
            if (!Matches(module, import, item))
                throw new WasmLinkException($"incompatible import type for \"{import.ModuleName}\" \"{import.Name}\"");
            resolved[i] = item;
        }
        return resolved;
    }

    private static bool Matches(WasmModule module, Import import, IExtern item) => (import.Kind, item) switch
    {
        (ExternalKind.Function, Func f) => f.Type.Equals(module.Types[(int)import.FunctionTypeIndex]),
        (ExternalKind.Table, Table t) => t.Type.ElementType == import.Table!.ElementType
            && LimitsMatch(t.Length, t.Type.Limits.Max, import.Table.Limits),
        (ExternalKind.Memory, Memory m) => LimitsMatch(m.Pages, m.Type.Limits.Max, import.Memory!.Limits),
        (ExternalKind.Global, Global g) => g.Type == import.Global,
        _ => false,
    };

    /// <summary>The actual size and maximum are at least as tight as the import's limits.</summary>
    private static bool LimitsMatch(uint size, uint? max, Limits wanted) =>
        size >= wanted.Min && (wanted.Max is not uint wantedMax || (max is uint actualMax && actualMax <= wantedMax));
}
