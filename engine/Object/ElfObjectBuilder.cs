using System.Runtime.CompilerServices;
using Stencil.Engine.Module;
using Stencil.Ir.Names;
using Stencil.Isa;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Object;

/// <summary>
/// Turns a module's declarations and definitions into ELF sections, symbols and relocations.
/// Every list is walked in declaration or definition order, never in hash order, so the result is a
/// function of the calls made on the module alone.
/// </summary>
internal sealed class ElfObjectBuilder
{
    private const byte DataPadding = 0;

    private readonly ModuleDeclarations _decls;
    private readonly ElfMachine _machine;
    private readonly ElfFields _fields;
    // Padded with the machine's trapping filler: a stray jump into padding traps instead of sliding on.
    private readonly ElfContentSection _text;
    private readonly ElfContentSection _writable = new(".data", ElfConstants.ShfAlloc | ElfConstants.ShfWrite, DataPadding);
    private readonly ElfContentSection _readOnly = new(".rodata", ElfConstants.ShfAlloc, DataPadding);
    // Read-only data with relocations: written by the dynamic loader, then (with RELRO) protected.
    private readonly ElfContentSection _relRo = new(".data.rel.ro", ElfConstants.ShfAlloc | ElfConstants.ShfWrite, DataPadding);

    private readonly ElfStringTable _strtab;
    private readonly ElfSymbolTable _symbols;
    private readonly uint[] _functionSymbols;
    private readonly uint[] _dataSymbols;
    private readonly (ElfContentSection Section, ulong Offset, int Size)?[] _functionPlaces;
    private readonly (ElfContentSection Section, ulong Offset, int Size)?[] _dataPlaces;
    private readonly bool[] _functionReferenced;
    private readonly bool[] _dataReferenced;
    private readonly List<string> _externalNames = [];
    private readonly Dictionary<string, uint> _externalSymbols = new(StringComparer.Ordinal);
    private uint _firstGlobalSymbol;

    private ElfObjectBuilder(ModuleDeclarations decls, Architecture machine)
    {
        _decls = decls;
        _machine = ElfMachine.Get(machine);
        _fields = new ElfFields(_machine.ByteOrder);
        _text = new(".text", ElfConstants.ShfAlloc | ElfConstants.ShfExecinstr, _machine.TextPadding);
        // Every declaration may become a symbol, plus the file, the section symbols and a few libcalls.
        int expectedSymbols = decls.Functions.Count + decls.Data.Count + 8;
        _strtab = new ElfStringTable(expectedSymbols);
        _symbols = new ElfSymbolTable(expectedSymbols, _fields);
        _functionSymbols = new uint[decls.Functions.Count];
        _dataSymbols = new uint[decls.Data.Count];
        _functionPlaces = new (ElfContentSection, ulong, int)?[decls.Functions.Count];
        _dataPlaces = new (ElfContentSection, ulong, int)?[decls.Data.Count];
        _functionReferenced = new bool[decls.Functions.Count];
        _dataReferenced = new bool[decls.Data.Count];
    }

    public static ObjectProduct Build(
        ModuleDeclarations decls, IReadOnlyList<DefinedFunction> functions, IReadOnlyList<DefinedData> data, string? fileSymbol,
        Architecture machine)
    {
        var builder = new ElfObjectBuilder(decls, machine);
        var (functionInfos, dataInfos) = builder.Place(functions, data);
        var contentSections = builder.ContentSections();
        var layout = ElfSectionLayout.Assign(contentSections);
        builder.CollectReferences(contentSections);
        builder.AddSymbols(fileSymbol, contentSections);
        var writer = builder.Assemble(contentSections, layout);
        return new ObjectProduct(writer, functionInfos, dataInfos);
    }

    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (List<ObjectFunctionInfo>, List<ObjectDataInfo>) Place(
        IReadOnlyList<DefinedFunction> functions, IReadOnlyList<DefinedData> data)
    {
        var functionInfos = new List<ObjectFunctionInfo>(functions.Count);
        foreach (var f in functions)
        {
            var offset = _text.Append(f.Code, f.Alignment, f.Relocs);
            _functionPlaces[f.Id.Index] = (_text, offset, f.Code.Length);
            functionInfos.Add(new ObjectFunctionInfo(f.Id, _decls.GetFunction(f.Id).Name, offset, f.Code.Length, f.Traps));
        }
        var dataInfos = new List<ObjectDataInfo>(data.Count);
        foreach (var d in data)
        {
            var decl = _decls.GetData(d.Id);
            var section = decl.Writable ? _writable : d.Relocs.Length > 0 ? _relRo : _readOnly;
            var offset = section.Append(d.Bytes, d.Alignment, d.Relocs);
            _dataPlaces[d.Id.Index] = (section, offset, d.Bytes.Length);
            dataInfos.Add(new ObjectDataInfo(d.Id, decl.Name, section.Name, offset, d.Bytes.Length));
        }
        return (functionInfos, dataInfos);
    }

    /// <summary>The sections that get written, in file order; <c>.text</c> is always there, as in C compilers' output.</summary>
    private List<ElfContentSection> ContentSections()
    {
        var list = new List<ElfContentSection> { _text };
        foreach (var s in (ReadOnlySpan<ElfContentSection>)[_writable, _readOnly, _relRo])
            if (s.HasDefinitions) list.Add(s);
        return list;
    }

    /// <summary>Marks which declarations relocations use and gathers the libcall and known-symbol names
    /// that no declaration covers, in first-use order.</summary>
    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CollectReferences(List<ElfContentSection> sections)
    {
        foreach (var section in sections)
        foreach (var (_, reloc) in section.Relocs)
        {
            switch (reloc.Target.Kind)
            {
                case ModuleRelocTargetKind.Function: _functionReferenced[reloc.Target.FuncId.Index] = true; break;
                case ModuleRelocTargetKind.Data: _dataReferenced[reloc.Target.DataId.Index] = true; break;
                default: NoteExternalName(ExternalSymbolName(reloc.Target)); break;
            }
        }
    }

    private void NoteExternalName(string name)
    {
        // A libcall may name a symbol the module also declared (a user `memcmp`): then both are one symbol.
        if (_decls.TryGetName(name, out var declared))
        {
            if (declared.Kind == ModuleRelocTargetKind.Function) _functionReferenced[declared.FuncId.Index] = true;
            else _dataReferenced[declared.DataId.Index] = true;
            return;
        }
        if (_externalSymbols.TryAdd(name, 0)) _externalNames.Add(name);
    }

    private static string ExternalSymbolName(ModuleRelocTarget target) =>
        target.Kind == ModuleRelocTargetKind.LibCall ? target.LibCall.SymbolName() : target.KnownSymbol.SymbolName();

    private void AddSymbols(string? fileSymbol, List<ElfContentSection> sections)
    {
        if (fileSymbol is not null)
            _symbols.Add(new ElfSymbol(_strtab.Add(fileSymbol), ElfConstants.SymbolInfo(ElfConstants.StbLocal, ElfConstants.SttFile), 0, ElfConstants.ShnAbs, 0, 0));
        foreach (var s in sections)
            _symbols.Add(new ElfSymbol(0, ElfConstants.SymbolInfo(ElfConstants.StbLocal, ElfConstants.SttSection), 0, s.Index, 0, 0));

        // ELF requires every local symbol before the first global one (sh_info of .symtab marks the split).
        AddDeclaredSymbols(local: true);
        _firstGlobalSymbol = (uint)_symbols.Count;
        AddDeclaredSymbols(local: false);
        foreach (var name in _externalNames)
            _externalSymbols[name] = _symbols.Add(Undefined(name, ElfConstants.StvDefault));
    }

    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddDeclaredSymbols(bool local)
    {
        for (int i = 0; i < _decls.Functions.Count; i++)
        {
            var decl = _decls.Functions[i];
            if ((decl.Linkage == Linkage.Local) != local) continue;
            if (_functionPlaces[i] is { } place)
                _functionSymbols[i] = _symbols.Add(Defined(decl.Name, decl.Linkage, ElfConstants.SttFunc, place.Section.Index, place.Offset, (ulong)place.Size));
            else if (_functionReferenced[i])
                _functionSymbols[i] = local ? throw ModuleErrors.UndefinedLocal(decl.Name) : _symbols.Add(Undefined(decl.Name, Visibility(decl.Linkage)));
        }
        for (int i = 0; i < _decls.Data.Count; i++)
        {
            var decl = _decls.Data[i];
            if ((decl.Linkage == Linkage.Local) != local) continue;
            if (_dataPlaces[i] is { } place)
                _dataSymbols[i] = _symbols.Add(Defined(decl.Name, decl.Linkage, ElfConstants.SttObject, place.Section.Index, place.Offset, (ulong)place.Size));
            else if (_dataReferenced[i])
                _dataSymbols[i] = local ? throw ModuleErrors.UndefinedLocal(decl.Name) : _symbols.Add(Undefined(decl.Name, Visibility(decl.Linkage)));
        }
    }

    private ElfSymbol Defined(string name, Linkage linkage, byte type, ushort section, ulong value, ulong size)
    {
        var binding = linkage switch
        {
            Linkage.Local => ElfConstants.StbLocal,
            Linkage.Preemptible => ElfConstants.StbWeak,
            _ => ElfConstants.StbGlobal,
        };
        return new ElfSymbol(_strtab.Add(name), ElfConstants.SymbolInfo(binding, type), Visibility(linkage), section, value, size);
    }

    private ElfSymbol Undefined(string name, byte visibility) =>
        // Undefined symbols stay strong even when declared preemptible: a weak undefined symbol silently
        // resolves to address zero when nothing defines it, turning a link error into a crash.
        new(_strtab.Add(name), ElfConstants.SymbolInfo(ElfConstants.StbGlobal, ElfConstants.SttNotype), visibility, ElfConstants.ShnUndef, 0, 0);

    private static byte Visibility(Linkage linkage) => linkage == Linkage.Hidden ? ElfConstants.StvHidden : ElfConstants.StvDefault;

    private uint SymbolFor(ModuleRelocTarget target)
    {
        switch (target.Kind)
        {
            case ModuleRelocTargetKind.Function: return _functionSymbols[target.FuncId.Index];
            case ModuleRelocTargetKind.Data: return _dataSymbols[target.DataId.Index];
        }
        var name = ExternalSymbolName(target);
        if (_decls.TryGetName(name, out var declared))
            return declared.Kind == ModuleRelocTargetKind.Function ? _functionSymbols[declared.FuncId.Index] : _dataSymbols[declared.DataId.Index];
        return _externalSymbols[name];
    }

    /// <summary>Whether a shared library may bind the symbol to a definition in another module: any
    /// global or weak symbol of default visibility, defined here or not.</summary>
    private bool IsPreemptible(uint symbol)
    {
        var s = _symbols[symbol];
        return s.Binding != ElfConstants.StbLocal && s.Other == ElfConstants.StvDefault;
    }

    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ElfRelocationList RelocationsOf(ElfContentSection section)
    {
        var relocations = new ElfRelocation[section.Relocs.Count];
        int i = 0;
        foreach (var (offset, reloc) in InOffsetOrder(section.Relocs))
        {
            var symbol = SymbolFor(reloc.Target);
            if (!RelocTable.TryGet(reloc.Kind, out var info)) throw ModuleErrors.UnknownRelocKind(section.Name, reloc.Kind);
            if (!info.TryGetElfType(_machine.Architecture, IsPreemptible(symbol), out var type))
                throw ModuleErrors.RelocKindNotOnMachine(section.Name, reloc.Kind, _machine.Architecture);
            relocations[i++] = new ElfRelocation(offset, symbol, type, reloc.Addend);
        }
        return new ElfRelocationList(relocations, _fields);
    }

    /// <summary>Relocations in <see cref="RelocOrder"/>: by offset, a marker kept right behind the relocation it
    /// followed. Code generators emit them in that order and definitions are appended, so usually nothing moves.</summary>
    // Runs once per build over every definition: optimized from its first call (see ObjectAssembler).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IEnumerable<(ulong Offset, ModuleReloc Reloc)> InOffsetOrder(List<(ulong Offset, ModuleReloc Reloc)> relocs) =>
        RelocOrder.Sort(relocs, r => r.Offset, r => r.Reloc.Kind);

    private ElfObjectWriter Assemble(List<ElfContentSection> contentSections, ElfSectionLayout layout)
    {
        var shstrtab = new ElfStringTable();
        var sections = new List<ElfSection>();
        foreach (var content in contentSections)
        {
            sections.Add(new ElfSection(content.Name, ElfConstants.ShtProgbits, content.Flags, content.Alignment, 0, content));
            if (content.Relocs.Count == 0) continue;
            sections.Add(new ElfSection(".rela" + content.Name, ElfConstants.ShtRela, ElfConstants.ShfInfoLink, 8, ElfConstants.RelaSize,
                RelocationsOf(content))
            { Link = layout.SymtabIndex, Info = content.Index });
        }
        // An empty .note.GNU-stack tells the linker this code needs no executable stack.
        sections.Add(new ElfSection(".note.GNU-stack", ElfConstants.ShtProgbits, 0, 1, 0, ElfBytes.Empty));
        sections.Add(new ElfSection(".symtab", ElfConstants.ShtSymtab, 0, 8, ElfConstants.SymSize, _symbols)
        { Link = layout.StrtabIndex, Info = _firstGlobalSymbol });
        sections.Add(new ElfSection(".strtab", ElfConstants.ShtStrtab, 0, 1, 0, _strtab));
        foreach (var s in sections) s.NameOffset = shstrtab.Add(s.Name);
        var shstrtabName = shstrtab.Add(".shstrtab");
        sections.Add(new ElfSection(".shstrtab", ElfConstants.ShtStrtab, 0, 1, 0, shstrtab) { NameOffset = shstrtabName });
        return new ElfObjectWriter(sections, layout.ShstrtabIndex, _machine);
    }
}
