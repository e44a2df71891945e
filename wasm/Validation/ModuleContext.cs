using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Validation;

/// <summary>
/// What the function bodies' check needs from the whole module: the functions a body may take a reference to
/// (<c>ref.func</c>), which the spec limits to those declared outside bodies (elements, exports, initializers).
/// </summary>
internal sealed class ModuleContext
{
    private readonly HashSet<uint> declared = [];

    public ModuleContext(WasmModule module)
    {
        foreach (var export in module.Exports)
            if (export.Kind == ExternalKind.Function) declared.Add(export.Index);
        foreach (var global in module.Globals) AddReferences(global.Init);
        foreach (var segment in module.Elements)
        {
            if (!segment.HasExpressions) declared.UnionWith(segment.FunctionIndices());
            else foreach (var item in segment.Expressions()) AddReferences(item);
        }
    }

    public bool IsDeclared(uint function) => declared.Contains(function);

    private void AddReferences(ConstantExpression expression)
    {
        foreach (var ins in expression.Instructions())
            if (ins.Opcode == Opcodes.RefFunc) declared.Add((uint)ins.A);
    }
}
