namespace Stencil.Wasm.Abi;

/// <summary>
/// The runtime routines generated code calls through the builtins table (<see cref="VmOffsets.Builtins"/>): slot
/// <c>i</c> holds the address of builtin <c>i</c>. All use the System V C ABI, take the caller's vmctx first, and
/// those that can trap return an i32 status (0, or a <see cref="WasmTrapKind"/>) which the caller checks and passes
/// to <see cref="Trap"/>. The table is the one definition of the order and the signatures.
/// </summary>
public enum WasmBuiltin
{
    /// <summary><c>(vmctx, i32 kind) -> never returns</c>: unwinds to the active entry and makes it return <c>kind</c>.</summary>
    Trap = 0,
    /// <summary><c>(vmctx, i32 deltaPages) -> i32</c>: old size in pages, or -1.</summary>
    MemoryGrow,
    /// <summary><c>(vmctx, i32 dst, i32 value, i32 len) -> i32 status</c>.</summary>
    MemoryFill,
    /// <summary><c>(vmctx, i32 dst, i32 src, i32 len) -> i32 status</c>.</summary>
    MemoryCopy,
    /// <summary><c>(vmctx, i32 segment, i32 dst, i32 src, i32 len) -> i32 status</c>.</summary>
    MemoryInit,
    /// <summary><c>(vmctx, i32 segment) -> void</c>.</summary>
    DataDrop,
    /// <summary><c>(vmctx, i32 table, i32 delta, i64 initRef) -> i32</c>: old size, or -1.</summary>
    TableGrow,
    /// <summary><c>(vmctx, i32 table, i32 dst, i64 ref, i32 len) -> i32 status</c>.</summary>
    TableFill,
    /// <summary><c>(vmctx, i32 dstTable, i32 srcTable, i32 dst, i32 src, i32 len) -> i32 status</c>.</summary>
    TableCopy,
    /// <summary><c>(vmctx, i32 table, i32 segment, i32 dst, i32 src, i32 len) -> i32 status</c>.</summary>
    TableInit,
    /// <summary><c>(vmctx, i32 segment) -> void</c>.</summary>
    ElemDrop,
    /// <summary><c>(vmctx, i32 importIndex, i64 valuesPtr) -> i32 status</c>: calls host import <c>importIndex</c>
    /// with its arguments in the values buffer and leaves its results there.</summary>
    HostCall,
}

public static class WasmBuiltins
{
    public const int Count = (int)WasmBuiltin.HostCall + 1;
}
