using Stencil.Wasm.Module;
using Stencil.Wasm.Runtime;
using Global = Stencil.Wasm.Runtime.Global;

namespace Stencil.Cli.Wasm;

/// <summary>
/// The spec testsuite's host module <c>spectest</c>: <c>print*</c> functions, globals <c>global_i32</c>/<c>_i64</c>
/// (666) and <c>global_f32</c>/<c>_f64</c> (666.6), a funcref table of 10 (at most 20) and a memory of 1 page (at most 2).
/// </summary>
public static class SpectestModule
{
    public const string Name = "spectest";

    /// <summary>Defines the module in <paramref name="imports"/>; the print functions write to <paramref name="output"/> (or nowhere).</summary>
    public static Imports Define(Imports imports, Store store, TextWriter? output)
    {
        void Print(string name, params ValType[] types) =>
            imports.Define(Name, name, Func.FromCallback(store, new FuncType(types, []), (arguments, _) =>
                output?.WriteLine(string.Join(" ", arguments.ToArray().Select(a => $"{a}:{a.Type.Name()}")))));
        Print("print");
        Print("print_i32", ValType.I32);
        Print("print_i64", ValType.I64);
        Print("print_f32", ValType.F32);
        Print("print_f64", ValType.F64);
        Print("print_i32_f32", ValType.I32, ValType.F32);
        Print("print_f64_f64", ValType.F64, ValType.F64);
        imports.Define(Name, "global_i32", new Global(store, new GlobalType(ValType.I32, false), WasmValue.I32(666)));
        imports.Define(Name, "global_i64", new Global(store, new GlobalType(ValType.I64, false), WasmValue.I64(666)));
        imports.Define(Name, "global_f32", new Global(store, new GlobalType(ValType.F32, false), WasmValue.F32(666.6f)));
        imports.Define(Name, "global_f64", new Global(store, new GlobalType(ValType.F64, false), WasmValue.F64(666.6)));
        imports.Define(Name, "table", new Table(store, new TableType(ValType.FuncRef, new Limits(10, 20))));
        imports.Define(Name, "memory", new Memory(store, new MemoryType(new Limits(1, 2))));
        return imports;
    }
}
