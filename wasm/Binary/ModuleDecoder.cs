using Stencil.Ir.Diagnostics;
using Stencil.Wasm.Diagnostics;
using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;

namespace Stencil.Wasm.Binary;

/// <summary>
/// Decodes a module's bytes into a <see cref="WasmModule"/>: header, sections in order, every count bounded by the
/// bytes left and <see cref="WasmLimits"/>. Only encoding errors (STN5001) and refused features (STN5003) come from
/// here; the <see cref="Validation.ModuleValidator"/> checks the rest.
/// </summary>
public static class ModuleDecoder
{
    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6D];

    /// <param name="maxDegreeOfParallelism">For checking the code of function bodies; 0: one worker per processor.</param>
    public static WasmModule Decode(byte[] bytes, string file, int maxDegreeOfParallelism = 0)
    {
        var reader = new WasmReader(bytes, file);
        if (bytes.Length < 4 || !bytes.AsSpan(0, 4).SequenceEqual(Magic)) throw reader.MalformedAt(0, "magic header not detected");
        reader.ReadBytes(4);
        if (bytes.Length < 8) throw reader.MalformedAt(4, "unexpected end");
        var version = reader.ReadBytes(4);
        if (!version.SequenceEqual((byte[])[1, 0, 0, 0])) throw reader.MalformedAt(4, "unknown binary version");

        var module = new WasmModule { File = file, Bytes = bytes };
        int lastRank = 0;
        bool sawCode = false, sawFunctions = false;
        // memory.init and data.drop need the data count section when there are segments; without any, an index is
        // merely unknown, which the validator reports (as the spec tests want).
        int firstDataUse = -1;
        while (!reader.AtEnd)
        {
            int at = reader.Position;
            byte id = reader.ReadByte();
            uint size = reader.ReadU32();
            if (size > reader.Remaining) throw reader.MalformedAt(at, "length out of bounds");
            var section = reader.Slice((int)size);
            if (id == 0)
            {
                ReadCustom(section, module);
                continue;
            }
            int rank = Rank(id, reader, at);
            if (rank <= lastRank) throw reader.MalformedAt(at, "unexpected content after last section");
            lastRank = rank;
            switch (id)
            {
                case 1: ReadTypes(section, module); break;
                case 2: ReadImports(section, module); break;
                case 3: ReadFunctions(section, module); sawFunctions = true; break;
                case 4: ReadVector(section, WasmLimits.Tables, "tables", r => module.Tables.Add(ReadTableType(r))); break;
                case 5: ReadVector(section, WasmLimits.Memories, "memories", r => module.Memories.Add(new MemoryType(r.ReadLimits()))); break;
                case 6: ReadVector(section, WasmLimits.Globals, "globals", r => ReadGlobal(r, module)); break;
                case 7: ReadVector(section, WasmLimits.Exports, "exports", r => ReadExport(r, module)); break;
                case 8: module.StartOffset = section.Position; module.StartFunction = section.ReadU32(); break;
                case 9: ReadVector(section, WasmLimits.ElementSegments, "element segments", r => ReadElement(r, module)); break;
                case 12: module.DataCount = section.ReadU32(); break;
                case 10:
                    ReadCode(section, module, ref firstDataUse, maxDegreeOfParallelism);
                    sawCode = true;
                    (module.CodeSectionStart, module.CodeSectionEnd) = (at, reader.Position);
                    break;
                case 11: ReadData(section, module); break;
            }
            if (!section.AtEnd) throw section.Malformed("section size mismatch");
        }
        if (!sawCode && sawFunctions && module.FunctionTypeIndices.Count > 0)
            throw reader.Malformed("function and code section have inconsistent lengths");
        if (firstDataUse >= 0 && module.Data.Count > 0) throw reader.MalformedAt(firstDataUse, "data count section required");
        if (module.DataCount is { } declared && declared != module.Data.Count)
            throw reader.Malformed("data count and data section have inconsistent lengths");
        return module;
    }

    /// <summary>Where a section may appear: the data count section sits between elements and code.</summary>
    private static int Rank(byte id, WasmReader reader, int at) => id switch
    {
        >= 1 and <= 9 => id * 2,
        12 => 19,
        10 or 11 => id * 2,
        13 => throw WasmError.Unsupported(reader.File, at, "exception handling (tag section)"),
        _ => throw reader.MalformedAt(at, "malformed section id"),
    };

    private static void ReadVector(WasmReader r, int limit, string what, Action<WasmReader> item)
    {
        int count = r.ReadCount(limit, what);
        for (int i = 0; i < count; i++) item(r);
    }

    private static void ReadCustom(WasmReader r, WasmModule module)
    {
        var name = r.ReadName();
        module.CustomSections.Add(new CustomSection(name, r.Position, r.Remaining));
        var contents = r.Slice(r.Remaining);
        if (name == "name") NameSectionReader.Read(contents, module);
    }

    private static void ReadTypes(WasmReader r, WasmModule module) => ReadVector(r, WasmLimits.Types, "types", r =>
    {
        int at = r.Position;
        byte form = r.ReadByte();
        if (form != 0x60)
        {
            if (form is 0x5E or 0x5F or 0x50 or 0x4F or 0x4E) throw WasmError.Unsupported(r.File, at, "garbage collection (composite type)");
            throw r.MalformedAt(at, "integer representation too long");
        }
        var ps = ReadTypeList(r, WasmLimits.FunctionParams, "parameters");
        var rs = ReadTypeList(r, WasmLimits.FunctionResults, "results");
        module.Types.Add(new FuncType(ps, rs));
    });

    private static ValType[] ReadTypeList(WasmReader r, int limit, string what)
    {
        int count = r.ReadCount(limit, what);
        var types = new ValType[count];
        for (int i = 0; i < count; i++) types[i] = r.ReadValueType();
        return types;
    }

    private static void ReadImports(WasmReader r, WasmModule module) => ReadVector(r, WasmLimits.Imports, "imports", r =>
    {
        int at = r.Position;
        var moduleName = r.ReadName();
        var name = r.ReadName();
        int kindAt = r.Position;
        byte kind = r.ReadByte();
        var import = kind switch
        {
            0 => new Import(moduleName, name, ExternalKind.Function, at) { FunctionTypeIndex = r.ReadU32() },
            1 => new Import(moduleName, name, ExternalKind.Table, at) { Table = ReadTableType(r) },
            2 => new Import(moduleName, name, ExternalKind.Memory, at) { Memory = new MemoryType(r.ReadLimits()) },
            3 => new Import(moduleName, name, ExternalKind.Global, at) { Global = ReadGlobalType(r) },
            4 => throw WasmError.Unsupported(r.File, kindAt, "exception handling (tag import)"),
            _ => throw r.MalformedAt(kindAt, "malformed import kind"),
        };
        module.AddImport(import);
    });

    private static void ReadFunctions(WasmReader r, WasmModule module) =>
        ReadVector(r, WasmLimits.Functions, "functions", r => module.FunctionTypeIndices.Add(r.ReadU32()));

    private static TableType ReadTableType(WasmReader r)
    {
        var element = r.ReadReferenceType();
        return new TableType(element, r.ReadLimits());
    }

    private static GlobalType ReadGlobalType(WasmReader r)
    {
        var type = r.ReadValueType();
        int at = r.Position;
        return r.ReadByte() switch
        {
            0 => new GlobalType(type, false),
            1 => new GlobalType(type, true),
            _ => throw r.MalformedAt(at, "malformed mutability"),
        };
    }

    private static ConstantExpression ReadConstant(WasmReader r, WasmModule module)
    {
        int at = r.Position;
        foreach (var _ in InstructionDecoder.Enumerate(r)) { }
        return new ConstantExpression(new CodeRange(r.Data, r.File, at, r.Position));
    }

    private static void ReadGlobal(WasmReader r, WasmModule module)
    {
        int at = r.Position;
        var type = ReadGlobalType(r);
        module.Globals.Add(new Global(type, ReadConstant(r, module), at));
    }

    private static void ReadExport(WasmReader r, WasmModule module)
    {
        int at = r.Position;
        var name = r.ReadName();
        int kindAt = r.Position;
        byte kind = r.ReadByte();
        if (kind > 3) throw kind == 4 ? WasmError.Unsupported(r.File, kindAt, "exception handling (tag export)") : r.MalformedAt(kindAt, "malformed export kind");
        module.Exports.Add(new Export(name, (ExternalKind)kind, r.ReadU32(), at));
    }

    private static void ReadElement(WasmReader r, WasmModule module)
    {
        int at = r.Position;
        uint flags = r.ReadU32();
        if (flags > 7) throw r.MalformedAt(at, "malformed elements segment kind");
        var mode = (flags & 1) == 0 ? SegmentMode.Active : (flags & 2) == 0 ? SegmentMode.Passive : SegmentMode.Declarative;
        uint table = (flags & 3) == 2 ? r.ReadU32() : 0;
        ConstantExpression? offset = mode == SegmentMode.Active ? ReadConstant(r, module) : null;
        bool expressions = (flags & 4) != 0;
        var type = ValType.FuncRef;
        if ((flags & 3) != 0)
        {
            if (expressions) type = r.ReadReferenceType();
            else
            {
                int kindAt = r.Position;
                if (r.ReadByte() != 0) throw r.MalformedAt(kindAt, "malformed element kind");
            }
        }
        int count = r.ReadCount(WasmLimits.TableEntries, "element segment items");
        int itemsAt = r.Position;
        for (int i = 0; i < count; i++)
        {
            if (expressions) ReadConstant(r, module);
            else r.ReadU32();
        }
        var items = new CodeRange(r.Data, r.File, itemsAt, r.Position);
        module.Elements.Add(new ElementSegment(mode, table, offset, type, expressions, count, items, at));
    }

    private static void ReadCode(WasmReader r, WasmModule module, ref int firstDataUse, int maxDegreeOfParallelism)
    {
        int at = r.Position;
        int count = r.ReadCount(WasmLimits.Functions, "function bodies");
        if (count != module.FunctionTypeIndices.Count) throw r.MalformedAt(at, "function and code section have inconsistent lengths");
        var bodies = new List<(WasmReader Body, int At, LocalGroup[] Groups, int LocalCount, int CodeStart)>(count);
        DiagnosticException? framing = null;
        try
        {
            for (int i = 0; i < count; i++)
            {
                int bodyAt = r.Position;
                uint size = r.ReadU32();
                if (size > WasmLimits.FunctionBodySize) throw WasmError.Limit(r.File, bodyAt, "function body too large");
                var body = r.Slice((int)size, "unexpected end of section or function");
                var (groups, localCount) = ReadLocals(body);
                bodies.Add((body, bodyAt, groups, localCount, body.Position));
            }
        }
        catch (DiagnosticException e)
        {
            // Reported after the code of the bodies before it, which comes first in the file.
            framing = e;
        }

        // Every body's code is checked here, so malformed code anywhere is reported before invalid code (the validator
        // decodes again); in parallel, the first problem in file order being the one reported (Break lets every lower
        // index finish).
        var failures = new DiagnosticException?[bodies.Count];
        var dataUses = new int[bodies.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount };
        Parallel.For(0, bodies.Count, options, (i, state) =>
        {
            dataUses[i] = -1;
            if (state.LowestBreakIteration is { } stop && i > stop) return;
            var body = bodies[i].Body;
            try
            {
                foreach (var ins in InstructionDecoder.Enumerate(body))
                    if (module.DataCount is null && dataUses[i] < 0 && ins.Opcode is Opcodes.MemoryInit or Opcodes.DataDrop) dataUses[i] = ins.Offset;
                if (!body.AtEnd) throw body.Malformed("section size mismatch");
            }
            catch (DiagnosticException e)
            {
                failures[i] = e;
                state.Break();
            }
        });
        if (Array.Find(failures, f => f is not null) is { } first) throw first;
        if (framing is not null) throw framing;
        for (int i = 0; i < bodies.Count; i++)
        {
            var (body, bodyAt, groups, localCount, codeStart) = bodies[i];
            if (firstDataUse < 0 && dataUses[i] >= 0) firstDataUse = dataUses[i];
            module.Bodies.Add(new FunctionBody(groups, localCount, new CodeRange(body.Data, body.File, codeStart, body.End), bodyAt));
        }
    }

    private static (LocalGroup[] Groups, int Count) ReadLocals(WasmReader r)
    {
        int groups = r.ReadCount(WasmLimits.Locals, "local groups", minItemSize: 2);
        int at = r.Position;
        var runs = new LocalGroup[groups];
        long total = 0;
        for (int g = 0; g < groups; g++)
        {
            runs[g] = new LocalGroup(r.ReadU32(), r.ReadValueType());
            total += runs[g].Count;
        }
        // The spec's own bound (the sum fits a u32) makes a malformed module; ours, far lower, an implementation limit.
        if (total > uint.MaxValue) throw r.MalformedAt(at, "too many locals");
        if (total > WasmLimits.Locals) throw WasmError.Limit(r.File, at, $"too many locals ({total}, the limit is {WasmLimits.Locals})");
        return (runs, (int)total);
    }

    private static void ReadData(WasmReader r, WasmModule module)
    {
        int at = r.Position;
        int count = r.ReadCount(WasmLimits.DataSegments, "data segments");
        if (module.DataCount is { } declared && declared != count)
            throw r.MalformedAt(at, "data count and data section have inconsistent lengths");
        for (int i = 0; i < count; i++)
        {
            int segmentAt = r.Position;
            uint flags = r.ReadU32();
            var (mode, memory) = flags switch
            {
                0 => (SegmentMode.Active, 0u),
                1 => (SegmentMode.Passive, 0u),
                2 => (SegmentMode.Active, r.ReadU32()),
                _ => throw r.MalformedAt(segmentAt, "malformed data segment kind"),
            };
            var offset = mode == SegmentMode.Active ? ReadConstant(r, module) : null;
            int length = r.ReadCount(int.MaxValue, "data bytes");
            int start = r.Position;
            r.ReadBytes(length);
            module.Data.Add(new DataSegment(mode, memory, offset, new ReadOnlyMemory<byte>(r.Data, start, length), segmentAt));
        }
    }
}
