namespace Stencil.Wasm.Module;

/// <summary>What an import or export names, by its binary encoding.</summary>
public enum ExternalKind : byte { Function = 0, Table = 1, Memory = 2, Global = 3 }
