using Stencil.Engine.Module;
using Stencil.Ir;
using Stencil.Ir.Names;
using Stencil.Isa.CodeGen;

namespace Stencil.Engine.Jit;

/// <summary>
/// A module whose output is code in this process's memory. Definitions are collected, then
/// <see cref="FinalizeDefinitions"/> lays them out in one mapping, binds every relocation (module functions and
/// data, libcalls and other imports from libc/libm, far targets through a veneer table, GOT references through
/// slots in the module) and only then makes the code executable and no longer writable. Dispose unmaps it all.
/// </summary>
public sealed class JitModule : ModuleBase, IDisposable
{
    private readonly Dictionary<FuncId, nint> _functionAddresses = [];
    private readonly Dictionary<DataId, nint> _dataAddresses = [];
    private readonly List<(nint Start, DefinedFunction Definition)> _placed = [];
    private JitMemoryRegion? _code;
    private JitMemoryRegion? _dataRegion;
    private bool _finalized;
    private bool _disposed;

    public JitModule(NativeSymbols? symbols = null) => Symbols = symbols ?? new NativeSymbols();


    /// <summary>Where imports are looked up when the module is finalized.</summary>
    public NativeSymbols Symbols { get; }

    public bool IsFinalized => _finalized;

    /// <summary>The executable mapping, once finalized.</summary>
    public JitMemoryRegion? CodeRegion => _code;

    /// <summary>How many far targets were reached through a veneer in the last finalization.</summary>
    public int VeneerCount { get; private set; }

    /// <summary>How many GOT slots the module holds.</summary>
    public int GotSlotCount { get; private set; }

    /// <summary>
    /// Places everything defined so far and links it. Throws <see cref="ModuleException"/> when a referenced name
    /// cannot be resolved; the module is unusable after a failed finalization.
    /// </summary>
    public void FinalizeDefinitions()
    {
        EnsureOpen();
        _finalized = true;
        var farTargets = new List<RelocKey>();
        var gotTargets = new List<RelocKey>();
        foreach (var f in FunctionDefinitions)
            foreach (var r in f.Relocs)
            {
                var key = new RelocKey(r.Target);
                var formula = RelocTable.Get(r.Kind).Formula;
                // Refused before anything is placed: the access would need the dynamic loader's TLS blocks.
                if (formula == RelocFormula.TlsGeneralDynamic) throw JitErrors.ThreadLocal(Declarations.GetFunction(f.Id).Name, r.Kind);
                if (formula == RelocFormula.GotPcRelative) { if (!gotTargets.Contains(key)) gotTargets.Add(key); }
                else if (formula == RelocFormula.PcRelative && IsCode(r.Target) && !IsInModule(r.Target) && !farTargets.Contains(key)) farTargets.Add(key);
            }

        long codeSize = 0;
        var offsets = new long[FunctionDefinitions.Count];
        for (int i = 0; i < FunctionDefinitions.Count; i++)
        {
            codeSize = Align(codeSize, FunctionDefinitions[i].Alignment);
            offsets[i] = codeSize;
            codeSize += FunctionDefinitions[i].Code.Length;
        }
        long veneerStart = Align(codeSize, 16);
        long gotStart = veneerStart + farTargets.Count * JitVeneer.Size;
        long total = gotStart + gotTargets.Count * 8;
        _code = JitMemoryRegion.Allocate(Math.Max(total, 1));
        var code = _code.Bytes;
        code.Fill(0xCC);
        for (int i = 0; i < FunctionDefinitions.Count; i++)
        {
            var f = FunctionDefinitions[i];
            f.Code.CopyTo(code[(int)offsets[i]..]);
            var start = _code.Address + (nint)offsets[i];
            _functionAddresses[f.Id] = start;
            _placed.Add((start, f));
        }
        PlaceData();

        var veneers = new Dictionary<RelocKey, nint>();
        for (int i = 0; i < farTargets.Count; i++)
        {
            var at = veneerStart + i * JitVeneer.Size;
            JitVeneer.Write(code[(int)at..], AddressOf(farTargets[i].Target));
            veneers[farTargets[i]] = _code.Address + (nint)at;
        }
        var got = new Dictionary<RelocKey, nint>();
        for (int i = 0; i < gotTargets.Count; i++)
        {
            var at = gotStart + i * 8;
            BitConverter.TryWriteBytes(code[(int)at..], (long)AddressOf(gotTargets[i].Target));
            got[gotTargets[i]] = _code.Address + (nint)at;
        }
        VeneerCount = 0;
        GotSlotCount = gotTargets.Count;

        for (int i = 0; i < FunctionDefinitions.Count; i++)
        {
            var f = FunctionDefinitions[i];
            var name = Declarations.GetFunction(f.Id).Name;
            foreach (var r in f.Relocs)
                Apply(code, (int)offsets[i], _code.Address + (nint)offsets[i], name, r, veneers, got);
        }
        if (_dataRegion is not null) ApplyDataRelocs(veneers, got);
        _code.Protect(JitProtection.ReadExecute);
        if (_dataRegion is not null && !Declarations.Data.Any(d => d.Writable)) _dataRegion.Protect(JitProtection.ReadOnly);
    }

    /// <summary>The entry address of a function defined in this module.</summary>
    public nint GetFunctionPointer(FuncId func)
    {
        EnsureLive();
        if (!_finalized) throw JitErrors.NotFinalized();
        return _functionAddresses.TryGetValue(func, out var address) ? address : throw JitErrors.NotDefined(Declarations.GetFunction(func).Name);
    }

    /// <summary>The address of a data object defined in this module.</summary>
    public nint GetDataPointer(DataId data)
    {
        EnsureLive();
        if (!_finalized) throw JitErrors.NotFinalized();
        return _dataAddresses.TryGetValue(data, out var address) ? address : throw JitErrors.NotDefined(Declarations.GetData(data).Name);
    }

    /// <summary>The trap site at <paramref name="address"/>, when it is one of this module's.</summary>
    public bool TryFindTrap(nint address, out JitTrap trap)
    {
        foreach (var (start, f) in _placed)
        {
            var offset = address - start;
            if (offset < 0 || offset > f.Code.Length) continue;
            foreach (var site in f.Traps)
                if (site.Offset == (uint)offset)
                {
                    trap = new JitTrap(Declarations.GetFunction(f.Id).Name, site.Offset, site.Code);
                    return true;
                }
        }
        trap = default;
        return false;
    }

    /// <summary>The function containing <paramref name="address"/> and the offset into it.</summary>
    public bool TryFindFunction(nint address, out string name, out uint offset)
    {
        foreach (var (start, f) in _placed)
        {
            var delta = address - start;
            if (delta < 0 || delta >= f.Code.Length) continue;
            name = Declarations.GetFunction(f.Id).Name;
            offset = (uint)delta;
            return true;
        }
        name = "";
        offset = 0;
        return false;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _code?.Dispose();
        _dataRegion?.Dispose();
    }

    private void PlaceData()
    {
        if (DataDefinitions.Count == 0) return;
        long size = 0;
        var offsets = new long[DataDefinitions.Count];
        for (int i = 0; i < DataDefinitions.Count; i++)
        {
            size = Align(size, DataDefinitions[i].Alignment);
            offsets[i] = size;
            size += DataDefinitions[i].Bytes.Length;
        }
        // Right after the code when the kernel allows, so RIP-relative data references stay within rel32 reach.
        _dataRegion = JitMemoryRegion.Allocate(Math.Max(size, 1), shared: false, _code!.Address + (nint)_code.Size);
        var bytes = _dataRegion.Bytes;
        for (int i = 0; i < DataDefinitions.Count; i++)
        {
            DataDefinitions[i].Bytes.CopyTo(bytes[(int)offsets[i]..]);
            _dataAddresses[DataDefinitions[i].Id] = _dataRegion.Address + (nint)offsets[i];
        }
    }

    private void ApplyDataRelocs(Dictionary<RelocKey, nint> veneers, Dictionary<RelocKey, nint> got)
    {
        var bytes = _dataRegion!.Bytes;
        foreach (var d in DataDefinitions)
        {
            var start = _dataAddresses[d.Id];
            var name = Declarations.GetData(d.Id).Name;
            foreach (var r in d.Relocs)
                Apply(bytes, (int)(start - _dataRegion.Address), start, name, r, veneers, got);
        }
    }

    /// <summary>Patches one relocation as <see cref="RelocTable"/> describes its kind; a PC-relative reference to code
    /// out of the field's reach goes through the target's veneer. This process is x86-64, so fields are little-endian.</summary>
    private void Apply(Span<byte> region, int baseOffset, nint baseAddress, string name, ModuleReloc r, Dictionary<RelocKey, nint> veneers, Dictionary<RelocKey, nint> got)
    {
        var field = region[(baseOffset + (int)r.Offset)..];
        long place = baseAddress + (nint)r.Offset;
        var info = RelocTable.Get(r.Kind);
        long value = info.Formula switch
        {
            RelocFormula.Absolute => (long)AddressOf(r.Target) + r.Addend,
            RelocFormula.PcRelative => (long)AddressOf(r.Target) + r.Addend - place,
            RelocFormula.GotPcRelative => got[new RelocKey(r.Target)] + r.Addend - place,
            _ => throw JitErrors.UnknownFormula(name, r.Kind, info.Formula),
        };
        if (info.Formula == RelocFormula.PcRelative && !info.Fits(value) && veneers.TryGetValue(new RelocKey(r.Target), out var veneer))
        {
            value = veneer + r.Addend - place;
            VeneerCount++;
        }
        if (!info.TryWrite(field, value, Endianness.Little)) throw JitErrors.OutOfRange(name, r.Kind, r.Offset);
    }

    private nint AddressOf(ModuleRelocTarget target)
    {
        switch (target.Kind)
        {
            case ModuleRelocTargetKind.Function:
                if (_functionAddresses.TryGetValue(target.FuncId, out var f)) return f;
                return Resolve(Declarations.GetFunction(target.FuncId).Name);
            case ModuleRelocTargetKind.Data:
                if (_dataAddresses.TryGetValue(target.DataId, out var d)) return d;
                return Resolve(Declarations.GetData(target.DataId).Name);
            case ModuleRelocTargetKind.LibCall:
                return Resolve(target.LibCall.SymbolName());
            default:
                throw JitErrors.UnsupportedKnownSymbol(target.KnownSymbol.SymbolName());
        }
    }

    private nint Resolve(string name) => Symbols.TryResolve(name, out var address) ? address : throw JitErrors.Unresolved(name);

    private bool IsInModule(ModuleRelocTarget target) => target.Kind switch
    {
        ModuleRelocTargetKind.Function => Declarations.GetFunction(target.FuncId).IsDefined,
        ModuleRelocTargetKind.Data => Declarations.GetData(target.DataId).IsDefined,
        _ => false,
    };

    /// <summary>Whether a veneer (a jump) can stand in for the target: only for code; data out of reach is an error.</summary>
    private static bool IsCode(ModuleRelocTarget target) =>
        target.Kind is ModuleRelocTargetKind.Function or ModuleRelocTargetKind.LibCall;

    private static long Align(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    protected override void EnsureOpen()
    {
        EnsureLive();
        if (_finalized) throw JitErrors.AlreadyFinalized();
    }

    private void EnsureLive() => ObjectDisposedException.ThrowIf(_disposed, this);

    private readonly record struct RelocKey(ModuleRelocTarget Target);
}
