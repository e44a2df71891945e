using Stencil.Wasm.Binary;
using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Instructions;

/// <summary>
/// Decodes an instruction sequence up to its closing <c>end</c> (the opcode table says what each opcode carries).
/// It checks only the encoding; types and indices are the validator's.
/// </summary>
public static class InstructionDecoder
{
    public static Instruction[] Decode(WasmReader reader) => Enumerate(reader).ToArray();

    /// <summary>Decodes lazily, one instruction per step, and stops after the closing <c>end</c>.</summary>
    public static IEnumerable<Instruction> Enumerate(WasmReader reader)
    {
        int depth = 1;
        while (true)
        {
            if (reader.AtEnd) throw reader.Malformed("END opcode expected");
            var instruction = DecodeOne(reader);
            yield return instruction;
            switch (instruction.Opcode)
            {
                case Opcodes.Block or Opcodes.Loop or Opcodes.If:
                    if (++depth > WasmLimits.NestingDepth) throw WasmError.Limit(reader.File, instruction.Offset, "control nesting too deep");
                    break;
                case Opcodes.End:
                    if (--depth == 0) yield break;
                    break;
            }
        }
    }

    private static Instruction DecodeOne(WasmReader r)
    {
        int at = r.Position;
        byte first = r.ReadByte();
        ushort code = first;
        if (first == Opcodes.Prefix)
        {
            uint sub = r.ReadU32();
            if (sub > 0xFF) throw r.MalformedAt(at, "illegal opcode");
            code = (ushort)(0xFC00 | sub);
        }
        var info = Opcodes.Get(code);
        if (info is null)
        {
            if (Opcodes.RefusedFeature(first) is { } feature) throw WasmError.Unsupported(r.File, at, feature);
            throw r.MalformedAt(at, $"illegal opcode 0x{(first == Opcodes.Prefix ? code : first):x}");
        }
        switch (info.Immediate)
        {
            case ImmediateKind.None: return new(code, at);
            case ImmediateKind.BlockType: return new(code, at, ReadBlockType(r));
            case ImmediateKind.Label or ImmediateKind.Function or ImmediateKind.Local or ImmediateKind.Global
                or ImmediateKind.Table or ImmediateKind.Element or ImmediateKind.Data:
                return new(code, at, r.ReadU32());
            case ImmediateKind.LabelTable:
            {
                int count = r.ReadCount(WasmLimits.BrTableTargets, "br_table targets");
                var targets = new uint[count];
                for (int i = 0; i < count; i++) targets[i] = r.ReadU32();
                return new(code, at, r.ReadU32()) { Targets = targets };
            }
            case ImmediateKind.CallIndirect:
            {
                uint type = r.ReadU32();
                // A table index, not a reserved byte, since reference types; LLVM 19 writes it as an over-long LEB.
                return new(code, at, type, r.ReadU32());
            }
            case ImmediateKind.MemArg:
            {
                int alignAt = r.Position;
                uint align = r.ReadU32();
                if ((align & 0x40) != 0) throw WasmError.Unsupported(r.File, alignAt, "multi-memory (memory index in memarg)");
                return new(code, at, align, r.ReadU32());
            }
            case ImmediateKind.Memory: ReadZeroByte(r); return new(code, at);
            case ImmediateKind.MemoryCopy: ReadZeroByte(r); ReadZeroByte(r); return new(code, at);
            case ImmediateKind.MemoryInit:
            {
                uint segment = r.ReadU32();
                ReadZeroByte(r);
                return new(code, at, segment);
            }
            case ImmediateKind.I32: return new(code, at, r.ReadS32());
            case ImmediateKind.I64: return new(code, at, r.ReadS64());
            case ImmediateKind.F32: return new(code, at, r.ReadF32Bits());
            case ImmediateKind.F64: return new(code, at, (long)r.ReadF64Bits());
            case ImmediateKind.RefType: return new(code, at, (long)r.ReadReferenceType());
            case ImmediateKind.SelectTypes:
            {
                int count = r.ReadCount(WasmLimits.FunctionResults, "select types");
                var types = new ValType[count];
                for (int i = 0; i < count; i++) types[i] = r.ReadValueType();
                return new(code, at) { Types = types };
            }
            case ImmediateKind.TableInit or ImmediateKind.TableCopy:
            {
                uint a = r.ReadU32();
                return new(code, at, a, r.ReadU32());
            }
            default: throw new InvalidOperationException($"immediate kind {info.Immediate} has no decoder");
        }
    }

    private static long ReadBlockType(WasmReader r)
    {
        int at = r.Position;
        byte b = r.PeekByte();
        if (b == 0x40) { r.ReadByte(); return -64; }
        if ((b & 0xC0) == 0x40)
        {
            // A single-byte negative value: a value type.
            return (byte)r.ReadValueType() - 0x80;
        }
        long index = r.ReadS33();
        if (index < 0) throw r.MalformedAt(at, "malformed block type");
        return index;
    }

    private static void ReadZeroByte(WasmReader r)
    {
        int at = r.Position;
        if (r.ReadByte() != 0) throw r.MalformedAt(at, "zero byte expected");
    }
}
