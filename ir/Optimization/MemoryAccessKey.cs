using Stencil.Ir.Entities;

namespace Stencil.Ir.Optimization;

/// <summary>One memory access as alias analysis compares them: the memory version it reads (the last store
/// that may have changed its region), its address and offset, the load opcode and type it produces, and the
/// byte order. Two accesses with equal keys read the same bytes into the same value.</summary>
internal readonly record struct MemoryAccessKey(int Version, Value Address, int Offset, Opcode Opcode, IrType Type, Endianness Order);
