namespace Stencil.Engine.Module;

/// <summary>
/// The names a module knows, shared by every module kind: one namespace for functions and data,
/// ids handed out densely in declaration order, linkages merged on redeclaration. Lists are kept in
/// declaration order so everything derived from them is deterministic.
/// </summary>
public sealed class ModuleDeclarations
{
    private readonly Dictionary<string, ModuleRelocTarget> _byName = new(StringComparer.Ordinal);
    private readonly List<FunctionDeclaration> _functions = [];
    private readonly List<DataDeclaration> _data = [];

    public IReadOnlyList<FunctionDeclaration> Functions => _functions;
    public IReadOnlyList<DataDeclaration> Data => _data;

    public FuncId DeclareFunction(string name, Linkage linkage)
    {
        ValidateName(name);
        if (_byName.TryGetValue(name, out var existing))
        {
            if (existing.Kind != ModuleRelocTargetKind.Function) throw ModuleErrors.FunctionIsData(name);
            var id = existing.FuncId;
            var decl = _functions[(int)id.Index];
            if (!LinkageRules.TryMerge(decl.Linkage, linkage, out var merged))
                throw ModuleErrors.IncompatibleLinkage(name, decl.Linkage, linkage);
            // Redeclaring with the same linkage is the common case (declare everything, then define): no new record.
            if (merged != decl.Linkage) _functions[(int)id.Index] = decl with { Linkage = merged };
            return id;
        }
        var fresh = new FuncId((uint)_functions.Count);
        _functions.Add(new FunctionDeclaration(name, linkage, IsDefined: false));
        _byName.Add(name, fresh);
        return fresh;
    }

    public DataId DeclareData(string name, Linkage linkage, bool writable)
    {
        ValidateName(name);
        if (_byName.TryGetValue(name, out var existing))
        {
            if (existing.Kind != ModuleRelocTargetKind.Data) throw ModuleErrors.DataIsFunction(name);
            var id = existing.DataId;
            var decl = _data[(int)id.Index];
            if (decl.Writable != writable) throw ModuleErrors.IncompatibleWritability(name, decl.Writable);
            if (!LinkageRules.TryMerge(decl.Linkage, linkage, out var merged))
                throw ModuleErrors.IncompatibleLinkage(name, decl.Linkage, linkage);
            if (merged != decl.Linkage) _data[(int)id.Index] = decl with { Linkage = merged };
            return id;
        }
        var fresh = new DataId((uint)_data.Count);
        _data.Add(new DataDeclaration(name, linkage, writable, IsDefined: false));
        _byName.Add(name, fresh);
        return fresh;
    }

    /// <summary>Looks a name up among functions and data; the target says which of the two it is.</summary>
    public bool TryGetName(string name, out ModuleRelocTarget target) => _byName.TryGetValue(name, out target);

    public bool TryGetFunction(string name, out FuncId id)
    {
        var found = _byName.TryGetValue(name, out var t) && t.Kind == ModuleRelocTargetKind.Function;
        id = found ? t.FuncId : default;
        return found;
    }

    public bool TryGetData(string name, out DataId id)
    {
        var found = _byName.TryGetValue(name, out var t) && t.Kind == ModuleRelocTargetKind.Data;
        id = found ? t.DataId : default;
        return found;
    }

    public FunctionDeclaration GetFunction(FuncId id) =>
        id.Index < (uint)_functions.Count ? _functions[(int)id.Index] : throw ModuleErrors.UnknownFunction(id);

    public DataDeclaration GetData(DataId id) =>
        id.Index < (uint)_data.Count ? _data[(int)id.Index] : throw ModuleErrors.UnknownData(id);

    /// <summary>Records that code was given for <paramref name="id"/>. A function known only as an
    /// import becomes an export: the definition is here now and callers elsewhere expect to see it.</summary>
    public FunctionDeclaration MarkFunctionDefined(FuncId id)
    {
        var decl = GetFunction(id);
        if (decl.IsDefined) throw ModuleErrors.DuplicateFunctionDefinition(decl.Name);
        var defined = decl with { IsDefined = true, Linkage = decl.Linkage == Linkage.Import ? Linkage.Export : decl.Linkage };
        _functions[(int)id.Index] = defined;
        return defined;
    }

    /// <summary>Records that bytes were given for <paramref name="id"/>, upgrading an import to an export.</summary>
    public DataDeclaration MarkDataDefined(DataId id)
    {
        var decl = GetData(id);
        if (decl.IsDefined) throw ModuleErrors.DuplicateDataDefinition(decl.Name);
        var defined = decl with { IsDefined = true, Linkage = decl.Linkage == Linkage.Import ? Linkage.Export : decl.Linkage };
        _data[(int)id.Index] = defined;
        return defined;
    }

    /// <summary>Throws when <paramref name="target"/> names a function or data id this module never handed out.</summary>
    public void EnsureDeclared(ModuleRelocTarget target)
    {
        switch (target.Kind)
        {
            case ModuleRelocTargetKind.Function: GetFunction(target.FuncId); break;
            case ModuleRelocTargetKind.Data: GetData(target.DataId); break;
        }
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0')) throw ModuleErrors.InvalidName(name ?? "");
    }
}
