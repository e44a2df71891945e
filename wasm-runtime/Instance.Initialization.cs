using Stencil.Wasm.Abi;
using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime.Instantiation;

namespace Stencil.Wasm.Runtime;

public sealed unsafe partial class Instance
{
    /// <summary>Fills the record: header, type ids, import slots, function references, memory, tables, globals; then exports and segments.</summary>
    private void Initialize(IExtern[] imports)
    {
        var symbols = Code.Symbols;
        *(nint*)(Vmctx + VmOffsets.Store) = Store.Record;
        *(nint*)(Vmctx + VmOffsets.Builtins) = Builtins.Table;
        for (int t = 0; t < Module.Types.Count; t++)
        {
            *(uint*)(Vmctx + Offsets.TypeId((uint)t)) = Store.TypeId(Module.Types[t]);
            _arrayTrampolines[t] = Code.Address(symbols.ArrayTrampoline((uint)t));
        }

        int funcIndex = 0, tableIndex = 0, globalIndex = 0;
        foreach (var (import, item) in Module.Imports.Zip(imports))
        {
            switch (item)
            {
                case Func f:
                    var slot = Vmctx + Offsets.ImportedFunction((uint)funcIndex);
                    if (f.FuncRef != 0)
                    {
                        *(nint*)(slot + VmImport.Code) = *(nint*)(f.FuncRef + VmFuncRef.Code);
                        *(nint*)(slot + VmImport.Vmctx) = *(nint*)(f.FuncRef + VmFuncRef.Vmctx);
                    }
                    else
                    {
                        _hostImports[funcIndex] = f.Host;
                        *(nint*)(slot + VmImport.Code) = Code.Require(symbols.HostTrampoline((uint)funcIndex));
                        *(nint*)(slot + VmImport.Vmctx) = Vmctx;
                    }
                    funcIndex++;
                    break;
                case Table t:
                    SetTable(tableIndex++, t);
                    break;
                case Memory m:
                    Memory = m;
                    break;
                case Global g:
                    *(nint*)(Vmctx + Offsets.Global((uint)globalIndex)) = g.Cell;
                    _globals[globalIndex++] = g;
                    break;
                default:
                    throw new InvalidOperationException($"import {import.ModuleName}.{import.Name} resolved to {item.GetType().Name}");
            }
        }

        for (uint f = 0; f < Module.FunctionCount; f++)
        {
            var funcRef = FuncRefAddress(f);
            if (f < Module.ImportedFunctionCount)
            {
                var slot = Vmctx + Offsets.ImportedFunction(f);
                *(nint*)(funcRef + VmFuncRef.Code) = *(nint*)(slot + VmImport.Code);
                *(nint*)(funcRef + VmFuncRef.Vmctx) = *(nint*)(slot + VmImport.Vmctx);
            }
            else
            {
                *(nint*)(funcRef + VmFuncRef.Code) = Code.Require(symbols.Function(f));
                *(nint*)(funcRef + VmFuncRef.Vmctx) = Vmctx;
            }
            *(uint*)(funcRef + VmFuncRef.TypeId) = *(uint*)(Vmctx + Offsets.TypeId(Module.FunctionTypeIndex(f)));
        }

        if (Memory is null && Module.Memories.Count > 0) Memory = new Memory(Store, Module.Memories[0]);
        Memory?.Attach(Vmctx);
        foreach (var type in Module.Tables) SetTable(tableIndex++, new Table(Store, type));
        foreach (var global in Module.Globals)
        {
            var cell = Vmctx + Offsets.Global((uint)globalIndex);
            *(ulong*)cell = ConstantEvaluator.Evaluate(global.Init, this);
            _globals[globalIndex++] = new Global(Store, global.Type, cell);
        }

        foreach (var export in Module.Exports)
        {
            _exports[export.Name] = export.Kind switch
            {
                ExternalKind.Function => FunctionAt(export.Index),
                ExternalKind.Table => Tables[(int)export.Index],
                ExternalKind.Memory => Memory!,
                _ => Globals[(int)export.Index],
            };
        }

        _data = Module.Data.Select(d => d.Bytes).ToArray();
        _elements = Module.Elements.Select(ElementItems).ToArray();
    }

    private void SetTable(int index, Table table)
    {
        _tables[index] = table;
        *(nint*)(Vmctx + Offsets.Table((uint)index)) = table.Address;
    }

    private nint[] ElementItems(ElementSegment segment) => segment.HasExpressions
        ? segment.Expressions().Select(e => (nint)ConstantEvaluator.Evaluate(e, this)).ToArray()
        : segment.FunctionIndices().Select(FuncRefAddress).ToArray();

    /// <summary>The Wasm 2.0 instantiation order: every active element segment (<c>table.init</c>, <c>elem.drop</c>),
    /// declarative ones dropped, then every active data segment (<c>memory.init</c>, <c>data.drop</c>).</summary>
    private void ApplySegments()
    {
        for (int k = 0; k < Module.Elements.Count; k++)
        {
            var segment = Module.Elements[k];
            if (segment.Mode == SegmentMode.Active)
            {
                ulong offset = (uint)ConstantEvaluator.Evaluate(segment.TableOffset!, this);
                var table = Tables[(int)segment.TableIndex];
                var items = _elements[k];
                if (offset + (ulong)items.Length > table.Length) throw new WasmTrapException(WasmTrapKind.TableOutOfBounds);
                items.CopyTo(table.Elements[(int)offset..]);
            }
            if (segment.Mode != SegmentMode.Passive) DropElements((uint)k);
        }
        for (int k = 0; k < Module.Data.Count; k++)
        {
            var segment = Module.Data[k];
            if (segment.Mode != SegmentMode.Active) continue;
            ulong offset = (uint)ConstantEvaluator.Evaluate(segment.MemoryOffset!, this);
            var bytes = segment.Bytes.Span;
            if (Memory is null || offset + (ulong)bytes.Length > (ulong)Memory.Length) throw new WasmTrapException(WasmTrapKind.MemoryOutOfBounds);
            if (bytes.Length > 0) bytes.CopyTo(Memory.Slice((long)offset, bytes.Length));
            DropData((uint)k);
        }
    }
}
