using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Binary;
using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Validation;

/// <summary>
/// The spec's module-level rules (indices, limits, initializers, exports, start, segments) and, through
/// <see cref="FunctionValidator"/>, every function body. Failures are STN5002 with the spec's wording.
/// </summary>
public static class ModuleValidator
{
    /// <param name="validateBody">
    /// Which function bodies to check (by defined-function index; all when null). A caller may leave out a body it
    /// knows was valid in a module with the same bytes outside the code section (<see cref="Translation.TranslationDigests"/>).
    /// </param>
    /// <param name="maxDegreeOfParallelism">How many bodies are checked at once; 0: one per processor.</param>
    public static void Validate(WasmModule module, Predicate<int>? validateBody = null, int maxDegreeOfParallelism = 0)
    {
        var file = module.File;
        DiagnosticException Invalid(int at, string what) => WasmError.Invalid(file, at, what);

        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternalKind.Function:
                    if (import.FunctionTypeIndex >= module.Types.Count) throw Invalid(import.Offset, "unknown type");
                    break;
                case ExternalKind.Table: CheckTable(import.Table!, import.Offset); break;
                case ExternalKind.Memory: CheckMemory(import.Memory!, import.Offset); break;
            }
        }
        foreach (var index in module.FunctionTypeIndices)
            if (index >= module.Types.Count) throw Invalid(0, "unknown type");
        foreach (var table in module.Tables) CheckTable(table, 0);
        foreach (var memory in module.Memories) CheckMemory(memory, 0);
        if (module.MemoryCount > 1) throw Invalid(0, "multiple memories");

        var context = new ModuleContext(module);
        var check = new FunctionValidator(module, context);
        foreach (var global in module.Globals) check.ValidateConstant(global.Type.Type, global.Init);

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            if (!names.Add(export.Name)) throw Invalid(export.Offset, "duplicate export name");
            var (count, what) = export.Kind switch
            {
                ExternalKind.Function => (module.FunctionCount, "function"),
                ExternalKind.Table => (module.TableCount, "table"),
                ExternalKind.Memory => (module.MemoryCount, "memory"),
                _ => (module.GlobalCount, "global"),
            };
            if (export.Index >= count) throw Invalid(export.Offset, $"unknown {what} {export.Index}");
        }

        if (module.StartFunction is { } start)
        {
            if (start >= module.FunctionCount) throw Invalid(module.StartOffset, $"unknown function {start}");
            var type = module.Types[(int)module.FunctionTypeIndex(start)];
            if (type.Params.Length != 0 || type.Results.Length != 0) throw Invalid(module.StartOffset, "start function");
        }

        foreach (var segment in module.Elements)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if (segment.TableIndex >= module.TableCount) throw Invalid(segment.Offset, $"unknown table {segment.TableIndex}");
                if (module.TableTypeOf(segment.TableIndex).ElementType != segment.ElementType) throw Invalid(segment.Offset, "type mismatch");
                check.ValidateConstant(ValType.I32, segment.TableOffset!);
            }
            if (!segment.HasExpressions)
            {
                foreach (var index in segment.FunctionIndices())
                    if (index >= module.FunctionCount) throw Invalid(segment.Offset, $"unknown function {index}");
            }
            else foreach (var item in segment.Expressions()) check.ValidateConstant(segment.ElementType, item);
        }

        foreach (var segment in module.Data)
        {
            if (segment.Mode != SegmentMode.Active) continue;
            if (segment.MemoryIndex >= module.MemoryCount) throw Invalid(segment.Offset, $"unknown memory {segment.MemoryIndex}");
            check.ValidateConstant(ValType.I32, segment.MemoryOffset!);
        }

        // Bodies in parallel, one validator per worker; the error reported is the first body's in index order, as a
        // serial check's would be (Break lets every lower index finish).
        var failures = new DiagnosticException?[module.Bodies.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount };
        Parallel.For(0, module.Bodies.Count, options, () => new FunctionValidator(module, context), (i, state, validator) =>
        {
            if (validateBody is not null && !validateBody(i)) return validator;
            if (state.LowestBreakIteration is { } stop && i > stop) return validator;
            var body = module.Bodies[i];
            try { validator.ValidateFunction(module.Types[(int)module.FunctionTypeIndices[i]], body.ExpandLocals(), body.Instructions()); }
            catch (DiagnosticException e)
            {
                failures[i] = e;
                state.Break();
            }
            return validator;
        }, _ => { });
        if (Array.Find(failures, f => f is not null) is { } first) throw first;

        void CheckTable(TableType table, int at)
        {
            if (table.Limits.Max is { } max && table.Limits.Min > max) throw Invalid(at, "size minimum must not be greater than maximum");
        }

        void CheckMemory(MemoryType memory, int at)
        {
            var (min, max) = (memory.Limits.Min, memory.Limits.Max);
            if (min > WasmLimits.MemoryPages || max > WasmLimits.MemoryPages) throw Invalid(at, "memory size must be at most 65536 pages (4GiB)");
            if (max is { } m && min > m) throw Invalid(at, "size minimum must not be greater than maximum");
        }
    }
}
