using Stencil.Wasm.Module;

namespace Stencil.Wasm.Abi;

/// <summary>
/// Where everything lives in one module's instance record (the vmctx every wasm function receives first). The
/// translator bakes these offsets into generated code and the runtime lays out the record with them, so this class is
/// the single definition of the instance ABI (see ARCHITECTURE.md, "The WebAssembly instance ABI"). Little-endian,
/// every field 8-byte aligned except the u32 type ids.
/// </summary>
public sealed class VmOffsets
{
    /// <summary>Memory 0's base address (0 when the module has no memory). Refreshed by the runtime whenever the memory moves.</summary>
    public const int MemoryBase = 0;
    /// <summary>Memory 0's length in bytes (u64).</summary>
    public const int MemoryLength = 8;
    /// <summary>Pointer to the <see cref="VmStore"/> record shared by every instance of one store.</summary>
    public const int Store = 16;
    /// <summary>Pointer to the builtins table: <see cref="WasmBuiltins.Count"/> code addresses, in <see cref="WasmBuiltin"/> order.</summary>
    public const int Builtins = 24;
    /// <summary>The runtime's handle for the instance (opaque to generated code).</summary>
    public const int InstanceHandle = 32;
    public const int HeaderSize = 40;

    public VmOffsets(WasmModule module)
    {
        TypeCount = module.Types.Count;
        ImportedFunctionCount = module.ImportedFunctionCount;
        FunctionCount = module.FunctionCount;
        TableCount = module.TableCount;
        GlobalCount = module.GlobalCount;
        ImportedGlobalCount = module.ImportedGlobals.Count;

        TypeIds = HeaderSize;
        ImportedFunctions = Align8(TypeIds + 4 * TypeCount);
        Tables = ImportedFunctions + VmImport.Size * ImportedFunctionCount;
        Globals = Tables + 8 * TableCount;
        FuncRefs = Globals + 8 * GlobalCount;
        Size = FuncRefs + VmFuncRef.Size * FunctionCount;
    }

    public int TypeCount { get; }
    public int ImportedFunctionCount { get; }
    public int FunctionCount { get; }
    public int TableCount { get; }
    public int GlobalCount { get; }
    public int ImportedGlobalCount { get; }

    /// <summary>Start of the u32 canonical type id of each of the module's types, by type index (store-wide ids, so
    /// structurally equal types of different modules compare equal in <c>call_indirect</c>).</summary>
    public int TypeIds { get; }
    /// <summary>Start of one <see cref="VmImport"/> per imported function.</summary>
    public int ImportedFunctions { get; }
    /// <summary>Start of one <see cref="VmTable"/> pointer per table (imported or defined; tables may be shared between instances).</summary>
    public int Tables { get; }
    /// <summary>Start of one 8-byte slot per global: an imported global's slot holds a pointer to its 8-byte cell; a
    /// defined global's slot is its cell (i32 and f32 in the low four bytes).</summary>
    public int Globals { get; }
    /// <summary>Start of one <see cref="VmFuncRef"/> per function (imports included); a funcref value is the address of one.</summary>
    public int FuncRefs { get; }
    /// <summary>Bytes in the whole record.</summary>
    public int Size { get; }

    public int TypeId(uint typeIndex) => TypeIds + 4 * (int)typeIndex;
    public int ImportedFunction(uint funcIndex) => ImportedFunctions + VmImport.Size * (int)funcIndex;
    public int Table(uint tableIndex) => Tables + 8 * (int)tableIndex;
    public int Global(uint globalIndex) => Globals + 8 * (int)globalIndex;
    public bool IsGlobalImported(uint globalIndex) => globalIndex < ImportedGlobalCount;
    public int FuncRef(uint funcIndex) => FuncRefs + VmFuncRef.Size * (int)funcIndex;

    private static int Align8(int n) => (n + 7) & ~7;
}

/// <summary>The per-store record (one per thread of execution; an instance belongs to one store).</summary>
public static class VmStore
{
    /// <summary>Generated code traps with "call stack exhausted" when its stack pointer is below this (u64).</summary>
    public const int StackLimit = 0;
    /// <summary>The active entry's saved registers, where the trap builtin unwinds to (0 outside wasm).</summary>
    public const int EntryFrame = 8;
    public const int Size = 16;
}

/// <summary>An imported function: the code to call and the vmctx to pass it (the exporter's, or this instance's for a host import's trampoline).</summary>
public static class VmImport
{
    public const int Code = 0;
    public const int Vmctx = 8;
    public const int Size = 16;
}

/// <summary>A function reference: code with the wasm signature of its type, the vmctx to pass, the canonical type id.</summary>
public static class VmFuncRef
{
    public const int Code = 0;
    public const int Vmctx = 8;
    public const int TypeId = 16;
    public const int Size = 24;
}

/// <summary>A table: a pointer to its elements (8 bytes each: a funcref's address or 0 for null), its size and maximum.</summary>
public static class VmTable
{
    public const int Elements = 0;
    /// <summary>u32 current size in elements.</summary>
    public const int Length = 8;
    /// <summary>u32 maximum (0xFFFFFFFF when the type has none).</summary>
    public const int Maximum = 12;
    public const int Size = 16;
}
