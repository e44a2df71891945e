using System.Buffers.Binary;
using Stencil.Engine.Compilation;
using Stencil.Engine.Jit;
using Stencil.Engine.Module;
using Stencil.Engine.Wasm;
using Stencil.Ir.Text;
using Stencil.Isa;
using Stencil.Wasm;
using Stencil.Wasm.Abi;
using Stencil.Wasm.Instructions;
using Stencil.Wasm.Module;
using Stencil.Wasm.Translation;

namespace Stencil.Engine.Tests.Wasm;

/// <summary>
/// A minimal instance for testing the translator's code (not the runtime, which lives elsewhere): one module without
/// imports, its vmctx, memory, globals, tables and function references laid out by <see cref="VmOffsets"/> in memory
/// shared with a forked child, where every call runs (<see cref="ForkedCaller"/>). The Trap builtin is a small IR
/// function that exits the child with <c>16 + kind</c>, so a trap is an outcome, never the test runner's death.
/// Other builtins are absent: tests that need them belong to the runtime.
/// </summary>
internal sealed class WasmTestInstance : IDisposable
{
    private const int TrapExitBase = 16;
    private const string Helpers = """
        function %stencil_test_adapter(i64, i64, i64) system_v {
            sig0 = (i64, i64, i64) system_v
        block0(v0: i64, v1: i64, v2: i64):
            v3 = load.i64 v1
            v4 = load.i64 v1+16
            v5 = load.i64 v1+32
            call_indirect sig0, v0(v3, v4, v5)
            return
        }

        function %stencil_test_trap(i64, i32) system_v {
            sig0 = (i32) system_v
            fn0 = %_exit sig0
        block0(v0: i64, v1: i32):
            v2 = iadd_imm v1, 16
            call fn0(v2)
            return
        }
        """;

    private readonly WasmModule _module;
    private readonly VmOffsets _offsets;
    private readonly WasmJitModule _code;
    private readonly JitModule _helpers;
    private readonly JitMemoryRegion _shared;
    private readonly ForkedCaller _caller = new();
    private readonly nint _vmctx, _values, _memory;
    private readonly long _memoryBytes;

    public WasmTestInstance(byte[] bytes, OptLevel optLevel = OptLevel.Speed, long stackBudget = 0)
    {
        _module = WasmLoader.Load(bytes, "test.wasm");
        if (_module.ImportedFunctionCount > 0 || _module.Imports.Count > 0) throw new ArgumentException("the test instance supports modules without imports only");
        var translated = ModuleTranslator.Translate(_module, "test");
        _offsets = translated.Offsets;
        _code = WasmJitCompiler.Compile(translated, new WasmCompileOptions { OptLevel = optLevel });
        _helpers = CompileHelpers();

        _memoryBytes = _module.Memories.Count > 0 ? _module.Memories[0].Limits.Min * 65536L : 0;
        int tables = _module.Tables.Sum(t => VmTable.Size + 8 * (int)t.Limits.Min);
        long size = Align(_offsets.Size) + VmStore.Size + 8 * WasmBuiltins.Count + tables + 8 * 64 + _memoryBytes;
        _shared = JitMemoryRegion.Allocate(size, shared: true);
        var at = _shared.Address;
        _vmctx = at; at += (nint)Align(_offsets.Size);
        var store = at; at += VmStore.Size;
        var builtins = at; at += 8 * WasmBuiltins.Count;
        var tableRecords = at; at += tables;
        _values = at; at += 8 * 64;
        _memory = at;

        Write(_vmctx + VmOffsets.MemoryBase, _memoryBytes > 0 ? _memory : 0);
        Write(_vmctx + VmOffsets.MemoryLength, _memoryBytes);
        Write(_vmctx + VmOffsets.Store, store);
        Write(_vmctx + VmOffsets.Builtins, builtins);
        // The limit is set relative to this thread's stack, which the forked child runs on.
        Write(store + VmStore.StackLimit, stackBudget > 0 ? StackPointerNow() - (nint)stackBudget : 0);
        Write(builtins + 8 * (int)WasmBuiltin.Trap, HelperAddress("stencil_test_trap"));

        for (int t = 0; t < _module.Types.Count; t++)
            WriteU32(_vmctx + _offsets.TypeId((uint)t), (uint)_module.Types.FindIndex(other => other.Equals(_module.Types[t])) + 1);
        for (uint f = 0; f < _module.FunctionCount; f++)
        {
            var funcRef = _vmctx + _offsets.FuncRef(f);
            Write(funcRef + VmFuncRef.Code, _code.Address(translated.Symbols.Function(f)));
            Write(funcRef + VmFuncRef.Vmctx, _vmctx);
            WriteU32(funcRef + VmFuncRef.TypeId, (uint)_module.Types.FindIndex(other => other.Equals(_module.Types[(int)_module.FunctionTypeIndex(f)])) + 1);
        }
        for (int g = 0; g < _module.Globals.Count; g++) Write(_vmctx + _offsets.Global((uint)g), ConstantValue(_module.Globals[g].Init));
        var record = tableRecords;
        var tableAddresses = new List<nint>();
        foreach (var table in _module.Tables)
        {
            Write(_vmctx + _offsets.Table((uint)tableAddresses.Count), record);
            Write(record + VmTable.Elements, record + VmTable.Size);
            WriteU32(record + VmTable.Length, table.Limits.Min);
            WriteU32(record + VmTable.Maximum, table.Limits.Max ?? uint.MaxValue);
            tableAddresses.Add(record);
            record += VmTable.Size + 8 * (int)table.Limits.Min;
        }
        foreach (var segment in _module.Elements.Where(e => e.Mode == SegmentMode.Active && !e.HasExpressions))
        {
            long offset = ConstantValue(segment.TableOffset!);
            var elements = tableAddresses[(int)segment.TableIndex] + VmTable.Size;
            int k = 0;
            foreach (var f in segment.FunctionIndices()) Write(elements + 8 * (nint)(offset + k++), _vmctx + _offsets.FuncRef(f));
        }
        foreach (var data in _module.Data.Where(d => d.Mode == SegmentMode.Active))
            data.Bytes.Span.CopyTo(Memory[(int)ConstantValue(data.MemoryOffset!)..]);
    }

    public Span<byte> Memory => _shared.Bytes.Slice((int)(_memory - _shared.Address), (int)_memoryBytes);

    /// <summary>Calls export <paramref name="name"/> with raw 8-byte arguments: the results, or the trap kind.</summary>
    public (WasmTrapKind Trap, ulong[] Results) Invoke(string name, params ulong[] args)
    {
        var export = _module.Exports.Single(e => e.Name == name && e.Kind == ExternalKind.Function);
        uint typeIndex = _module.FunctionTypeIndex(export.Index);
        var type = _module.Types[(int)typeIndex];
        for (int i = 0; i < args.Length; i++) Write(_values + 8 * i, (long)args[i]);
        UInt128[] slots = [(UInt128)(ulong)_vmctx, (UInt128)(ulong)_code.Address(_code.Module.Symbols.Function(export.Index)), (UInt128)(ulong)_values];
        var outcome = _caller.Call(HelperAddress("stencil_test_adapter"), _code.Address(_code.Module.Symbols.ArrayTrampoline(typeIndex)), slots, []);
        if (outcome.Status == ForkedCallStatus.Failed && (outcome.RawStatus & 0x7f) == 0 && ((outcome.RawStatus >> 8) & 0xff) is var exit and > TrapExitBase)
            return ((WasmTrapKind)(exit - TrapExitBase), []);
        if (outcome.Status != ForkedCallStatus.Returned) throw new InvalidOperationException($"the call of {name} ended {outcome.Status} (signal {outcome.Signal}, status 0x{outcome.RawStatus:x})");
        var results = new ulong[type.Results.Length];
        var span = _shared.Bytes;
        for (int i = 0; i < results.Length; i++) results[i] = BinaryPrimitives.ReadUInt64LittleEndian(span[(int)(_values - _shared.Address + 8 * i)..]);
        return (WasmTrapKind.None, results);
    }

    /// <summary>The single result of a call that must not trap.</summary>
    public ulong Call(string name, params ulong[] args)
    {
        var (trap, results) = Invoke(name, args);
        Assert.AreEqual(WasmTrapKind.None, trap, $"{name} trapped");
        return results.Single();
    }

    public void Dispose()
    {
        _caller.Dispose();
        _shared.Dispose();
        _helpers.Dispose();
        _code.Dispose();
    }

    private static JitModule CompileHelpers()
    {
        var context = new Context(IsaRegistry.Lookup(TargetTriple.X86_64Linux, IsaFlags.Default));
        var jit = new JitModule();
        foreach (var f in ClifReader.ParseFunctions(Helpers))
            jit.DefineCompiledCode(Finalizer.Finalize(context.Compile(f.Stencil), f.Params), Linkage.Export);
        jit.FinalizeDefinitions();
        return jit;
    }

    private nint HelperAddress(string name) =>
        _helpers.Declarations.TryGetFunction(name, out var id) ? _helpers.GetFunctionPointer(id) : throw new InvalidOperationException(name);

    private long ConstantValue(ConstantExpression expression)
    {
        var first = expression.Instructions().First();
        return first.Opcode switch
        {
            Opcodes.I32Const => (uint)(int)first.A,
            Opcodes.I64Const or Opcodes.F32Const or Opcodes.F64Const => first.A,
            Opcodes.RefNull => 0,
            Opcodes.RefFunc => _vmctx + _offsets.FuncRef((uint)first.A),
            _ => throw new NotSupportedException($"constant expression starting with {first.Info.Name}"),
        };
    }

    private unsafe static nint StackPointerNow()
    {
        int local = 0;
        return (nint)(&local);
    }

    private void Write(nint address, long value) => BinaryPrimitives.WriteInt64LittleEndian(_shared.Bytes[(int)(address - _shared.Address)..], value);

    private void WriteU32(nint address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_shared.Bytes[(int)(address - _shared.Address)..], value);

    private static long Align(long n) => (n + 15) & ~15L;
}
