namespace Stencil.Wasm.Instructions;

/// <summary>What follows an opcode in the binary, and so which <see cref="Instruction"/> fields it fills.</summary>
public enum ImmediateKind : byte
{
    None,
    /// <summary>A block type: A = the signed 33-bit value (-64 empty, -1..-17 a value type, or a type index).</summary>
    BlockType,
    /// <summary>A = the label depth.</summary>
    Label,
    /// <summary>Targets = the label depths, A = the default depth.</summary>
    LabelTable,
    /// <summary>A = a function index.</summary>
    Function,
    /// <summary>A = the type index, B = the table index.</summary>
    CallIndirect,
    Local,
    Global,
    /// <summary>A = a table index.</summary>
    Table,
    /// <summary>A = the alignment exponent, B = the offset.</summary>
    MemArg,
    /// <summary>The reserved memory index byte, which must be zero.</summary>
    Memory,
    I32,
    I64,
    /// <summary>A = the raw bits.</summary>
    F32,
    /// <summary>A = the raw bits.</summary>
    F64,
    /// <summary>A = the reference type byte.</summary>
    RefType,
    /// <summary>Types = the explicit result types.</summary>
    SelectTypes,
    /// <summary>A = the data segment index, then the reserved memory byte.</summary>
    MemoryInit,
    /// <summary>A = a data segment index.</summary>
    Data,
    /// <summary>Two reserved memory bytes.</summary>
    MemoryCopy,
    /// <summary>A = the element segment index, B = the table index.</summary>
    TableInit,
    /// <summary>A = an element segment index.</summary>
    Element,
    /// <summary>A = the destination table, B = the source table.</summary>
    TableCopy,
}
